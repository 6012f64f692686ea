namespace CityMaturity.Application;

/// <summary>
/// Why a service said no, in terms of the request rather than of HTTP. The UI decides what a kind looks like: the
/// endpoints map it to a status code (<c>ErrorResponses.StatusOf</c> in Web), pages show the message.
/// </summary>
public enum RefusalKind
{
    /// <summary>The request is well formed but breaks a rule (a full list, a decision of another characteristic).</summary>
    RuleBroken,

    /// <summary>The request itself is malformed: an empty file, a web address that is not one, an unknown code.</summary>
    Malformed,

    /// <summary>A file of a type the service does not accept.</summary>
    UnsupportedType,

    /// <summary>Larger than the service accepts.</summary>
    TooLarge,

    /// <summary>There is no such thing for this person to act on.</summary>
    NotFound,

    /// <summary>
    /// Right once, wrong now: what the request acts on has moved on (a round closed, a workshop paused or ended, a
    /// person taken out of the room). Trying again later, or after re-reading the state, can succeed.
    /// </summary>
    WrongState,
}

/// <summary>
/// A service's "no", the one shape every refusal of the application layer has: what kind of no it is (the UI maps it,
/// e.g. to a status code) and the one sentence a person reads. Input the user typed is never part of the sentence.
/// </summary>
public sealed record Refusal(RefusalKind Kind, string Message)
{
    /// <summary>A refusal of <paramref name="kind"/> when a rule gave a sentence; null when it gave none (nothing is wrong).</summary>
    public static Refusal? Of(RefusalKind kind, string? message) => message is null ? null : new Refusal(kind, message);

    /// <summary>An import that stopped on the problems of a file: one sentence naming how many and the first.</summary>
    public static Refusal OfFile(RefusalKind kind, IReadOnlyList<CityMaturity.Domain.Assessments.CsvProblem> problems) => new(kind, problems switch
    {
        [] => "Nothing was imported.",
        [var only] => $"Nothing was imported: {only}",
        [var first, ..] => $"Nothing was imported: the file has {problems.Count} problems; the first: {first}",
    });
}

/// <summary>
/// The refusals the database makes itself, as the application's one shape. Its triggers are the floor under the
/// application's own checks (ADR 0041): a write path that skipped a check, or lost a race with the step that changed the
/// rule, meets the trigger, whose sentence is written for a person. Web answers such an exception as this refusal (422
/// problem details for JSON clients, a plain page for people); a service may catch it and return the refusal instead.
/// </summary>
public static class DatabaseRefusals
{
    /// <summary>SQLSTATE of <c>refuse_while_audited</c> (V0023): the assessment's figures are frozen by an external audit.</summary>
    public const string FrozenByAudit = "CM001";

    /// <summary>The refusal the database made, found anywhere in <paramref name="exception"/>'s causes; null when it made none.</summary>
    public static Refusal? Of(Exception exception)
    {
        for (Exception? cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (cause is Npgsql.PostgresException { SqlState: FrozenByAudit } frozen)
            {
                return new Refusal(RefusalKind.RuleBroken, frozen.MessageText);
            }
        }

        return null;
    }
}
