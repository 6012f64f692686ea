using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Web.Assessments;
using Microsoft.AspNetCore.Components;

namespace CityMaturity.Web.Components.Rating;

public enum SaveState
{
    Idle,
    Saving,
    Saved,
    Retrying,
    Conflict,
    Rejected,
}

/// <summary>
/// One characteristic at a time. Every choice is saved at once; a failed save is retried and said so; a save
/// that lost a race with another tab is not forced through: the stored answer is shown with a message.
/// </summary>
public partial class RatingForm : IDisposable
{
    private static readonly RatingView[] Views = [RatingView.Now, RatingView.InTwoYears];
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];

    [Inject] private MaturityCatalogue Catalogue { get; set; } = default!;
    [Inject] private RatingService Ratings { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Parameter, EditorRequired] public RatingSession Session { get; set; } = default!;
    [Parameter] public Guid? UserId { get; set; }

    [SupplyParameterFromQuery(Name = "c")] private string? RequestedCode { get; set; }

    private Dictionary<string, CityMaturity.Domain.Assessments.Rating> _ratings = [];
    private RatingValues _values = RatingValues.Empty;
    private SaveState _saveState = SaveState.Idle;

    // One save at a time: quick successive choices (arrow keys through a radio group) must not race each other,
    // or the second would be refused as a conflict with the first.
    private readonly SemaphoreSlim _saving = new(1, 1);
    private string? _saveDetail;

    private List<string> Scope => Session.Assessment.Scope;
    private int Index => Math.Max(0, Scope.IndexOf(Current.Code));
    // Null until the participant's answers are loaded (the first render happens before that).
    private Characteristic? _current;
    private Characteristic Current => _current ?? throw new InvalidOperationException("The rating card is not loaded yet.");
    private Dimension Dimension => Catalogue.GetDimension(Current.DimensionCode);
    private SubDimension SubDimension => Catalogue.GetSubDimension(Current.SubDimensionCode);
    private int Answered => Scope.Count(IsAnswered);
    private bool PlansRegress => _values.LevelNow.IsKnown && _values.LevelInTwoYears.IsKnown && _values.LevelInTwoYears.Level < _values.LevelNow.Level;

    private string SaveMessage => _saveState switch
    {
        SaveState.Idle => string.Empty,
        SaveState.Saving => "Saving…",
        SaveState.Saved => "Saved",
        SaveState.Retrying => "Not saved — retrying…",
        SaveState.Conflict => "This answer was changed in another window or device. The stored answer is shown; choose again if you want to change it.",
        SaveState.Rejected => $"Not saved: {_saveDetail}",
    };

    private bool IsAnswered(string code) => _ratings.TryGetValue(code, out var r) && r.IsComplete;

    protected override async Task OnInitializedAsync()
    {
        _ratings = await Ratings.OwnRatingsAsync(Session.Participant.Id);
        Show(RequestedCode is { } code && Scope.Contains(code) ? code : FirstUnansweredOrFirst());
    }

    private string FirstUnansweredOrFirst() => Scope.FirstOrDefault(c => !IsAnswered(c)) ?? Scope[0];

    private void Show(string code)
    {
        _current = Catalogue.GetCharacteristic(code);
        _values = _ratings.TryGetValue(code, out var rating) ? RatingValues.Of(rating) : RatingValues.Empty;
        _saveState = SaveState.Idle;
    }

    private void GoTo(string code)
    {
        Show(code);
        // The address names the card, so a reload comes back to it.
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("c", code), replace: true);
    }

    private void GoToFirstUnanswered() => GoTo(FirstUnansweredOrFirst());
    private void Previous() => GoTo(Scope[Index - 1]);
    private void Next() => GoTo(Scope[Index + 1]);

    private Task ChooseAsync(RatingView view, LevelAnswer answer) =>
        SaveAsync(view == RatingView.Now ? _values with { LevelNow = answer } : _values with { LevelInTwoYears = answer });

    private Task UpdateCommentAsync(string? comment) => SaveAsync(_values with { Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim() });

    private Task UpdateLinksAsync(string? text) => SaveAsync(_values with
    {
        EvidenceLinks = [.. (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
    });

    private async Task SaveAsync(RatingValues values)
    {
        var code = Current.Code;
        _values = values;
        _saveState = SaveState.Saving;
        await _saving.WaitAsync();
        try
        {
            var expectedVersion = _ratings.TryGetValue(code, out var stored) ? stored.Version : 0;
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    Apply(code, await Ratings.SaveAsync(Session, code, values, expectedVersion, UserId));
                    return;
                }
                catch (Exception e) when (CityMaturity.Infrastructure.Database.DatabaseFailures.IsUnavailable(e) || e is TimeoutException)
                {
                    if (attempt == RetryDelays.Length)
                    {
                        // Still away after the retries: say so instead of ending the circuit; the choice stays on screen.
                        _saveState = SaveState.Rejected;
                        _saveDetail = "the server cannot reach its database just now. Choose your answer again in a moment.";
                        return;
                    }

                    _saveState = SaveState.Retrying;
                    StateHasChanged();
                    await Task.Delay(RetryDelays[attempt]);
                }
            }
        }
        finally
        {
            _saving.Release();
        }
    }

    public void Dispose()
    {
        _saving.Dispose();
        GC.SuppressFinalize(this);
    }

    private void Apply(string code, SaveOutcome outcome)
    {
        switch (outcome)
        {
            case SaveOutcome.Saved saved:
                _ratings[code] = saved.Rating;
                _saveState = SaveState.Saved;
                break;
            case SaveOutcome.Conflict conflict:
                _ratings[code] = conflict.Current;
                if (Current.Code == code)
                {
                    _values = RatingValues.Of(conflict.Current);
                }

                _saveState = SaveState.Conflict;
                break;
            case SaveOutcome.Rejected rejected:
                _saveDetail = rejected.Message;
                _saveState = SaveState.Rejected;
                break;
        }
    }
}
