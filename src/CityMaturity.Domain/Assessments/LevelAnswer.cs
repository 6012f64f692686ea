using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Assessments;

public enum AnswerKind
{
    Unanswered,
    DontKnow,
    Level,
}

/// <summary>
/// One view of one rating: a level 1–5, "don't know" (kept as such, never as 0), or not answered yet.
/// </summary>
public readonly record struct LevelAnswer
{
    private LevelAnswer(AnswerKind kind, MaturityLevel? level)
    {
        Kind = kind;
        Level = level;
    }

    public AnswerKind Kind { get; }

    /// <summary>The level, only when <see cref="Kind"/> is <see cref="AnswerKind.Level"/>.</summary>
    public MaturityLevel? Level { get; }

    public static LevelAnswer Unanswered { get; } = new(AnswerKind.Unanswered, null);
    public static LevelAnswer DontKnow { get; } = new(AnswerKind.DontKnow, null);

    public static LevelAnswer Of(MaturityLevel level) => new(AnswerKind.Level, level);

    public bool IsKnown => Kind == AnswerKind.Level;
    public bool IsAnswered => Kind != AnswerKind.Unanswered;

    /// <summary>The interchange spelling: "1"–"5", "DK", or "" for unanswered.</summary>
    public string Code => Kind switch
    {
        AnswerKind.Unanswered => string.Empty,
        AnswerKind.DontKnow => DontKnowCode,
        AnswerKind.Level => Level!.Value.Number().ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public const string DontKnowCode = "DK";

    /// <summary>The code as stored in the database: null for unanswered.</summary>
    public string? StoredCode => IsAnswered ? Code : null;

    /// <summary>Parses "1"–"5", "DK" (any case) or empty/whitespace; false for anything else.</summary>
    public static bool TryParse(string? text, out LevelAnswer answer)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            answer = Unanswered;
            return true;
        }

        if (string.Equals(trimmed, DontKnowCode, StringComparison.OrdinalIgnoreCase))
        {
            answer = DontKnow;
            return true;
        }

        if (trimmed.Length == 1 && int.TryParse(trimmed, out var number) && MaturityLevels.TryFromNumber(number, out var level))
        {
            answer = Of(level);
            return true;
        }

        answer = Unanswered;
        return false;
    }

    /// <summary>For trusted stored values: null is unanswered; anything unparsable is a data fault.</summary>
    public static LevelAnswer FromCode(string? code) =>
        TryParse(code, out var answer) ? answer : throw new FormatException($"'{code}' is not a level answer.");

    public override string ToString() => Kind == AnswerKind.Unanswered ? "(unanswered)" : Code;
}
