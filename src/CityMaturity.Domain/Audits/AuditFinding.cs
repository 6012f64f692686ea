using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Audits;

/// <summary>How the evidence of one characteristic measured up.</summary>
public enum FindingKind
{
    Conforms,
    MinorGap,
    MajorGap,
    NotEvidenced,
}

public static class FindingKinds
{
    public static string Code(this FindingKind kind) => kind switch
    {
        FindingKind.Conforms => "conforms",
        FindingKind.MinorGap => "minor_gap",
        FindingKind.MajorGap => "major_gap",
        FindingKind.NotEvidenced => "not_evidenced",
    };

    public static string DisplayName(this FindingKind kind) => kind switch
    {
        FindingKind.Conforms => "Conforms",
        FindingKind.MinorGap => "Minor gap",
        FindingKind.MajorGap => "Major gap",
        FindingKind.NotEvidenced => "Not evidenced",
    };

    public static FindingKind Parse(string code) => TryParse(code, out var kind) ? kind : throw new FormatException($"'{code}' is not a finding.");

    public static bool TryParse(string? code, out FindingKind kind)
    {
        foreach (var candidate in Enum.GetValues<FindingKind>())
        {
            if (candidate.Code() == code)
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>"cannot-be-verified" or the level's number: how a verified level is written in the record and attestation.</summary>
    public static string VerifiedLevelCode(MaturityLevel? level) => level is { } known ? known.Number().ToString(System.Globalization.CultureInfo.InvariantCulture) : "cannot-be-verified";
}

/// <summary>
/// The auditor's finding on one characteristic in scope: the level verified now (null: cannot be verified), how the
/// evidence measured up, what was examined, a note, and whether it was sampled in depth (and why).
/// </summary>
public sealed record CharacteristicFinding(
    string CharacteristicCode,
    MaturityLevel? VerifiedLevel,
    FindingKind Finding,
    string EvidenceExamined,
    string? Note,
    bool ExaminedInDepth,
    string? SamplingReason)
{
    public const int MaxTextLength = 4000;

    /// <summary>Why this finding cannot be recorded as given; null when it can.</summary>
    public string? WhyInvalid()
    {
        if (string.IsNullOrWhiteSpace(EvidenceExamined))
        {
            return "Say which evidence was examined.";
        }

        if (EvidenceExamined.Length > MaxTextLength || (Note?.Length ?? 0) > MaxTextLength || (SamplingReason?.Length ?? 0) > MaxTextLength)
        {
            return $"Texts can have at most {MaxTextLength} characters.";
        }

        if (ExaminedInDepth && string.IsNullOrWhiteSpace(SamplingReason))
        {
            return "Say why this characteristic was examined in depth (the sampling record needs the reason).";
        }

        if (VerifiedLevel is null && Finding == FindingKind.Conforms)
        {
            return "A characteristic whose level cannot be verified cannot conform.";
        }

        return null;
    }
}

/// <summary>Whether an indicator value in scope stands: verified, queried (the city must answer) or rejected.</summary>
public enum IndicatorVerdict
{
    Verified,
    Queried,
    Rejected,
}

public static class IndicatorVerdicts
{
    public static string Code(this IndicatorVerdict verdict) => verdict switch
    {
        IndicatorVerdict.Verified => "verified",
        IndicatorVerdict.Queried => "queried",
        IndicatorVerdict.Rejected => "rejected",
    };

    public static IndicatorVerdict Parse(string code) => TryParse(code, out var verdict) ? verdict : throw new FormatException($"'{code}' is not a verdict.");

    public static bool TryParse(string? code, out IndicatorVerdict verdict)
    {
        foreach (var candidate in Enum.GetValues<IndicatorVerdict>())
        {
            if (candidate.Code() == code)
            {
                verdict = candidate;
                return true;
            }
        }

        verdict = default;
        return false;
    }

    /// <summary>Queried and rejected values need a reason; a verified one may have none.</summary>
    public static bool NeedsReason(this IndicatorVerdict verdict) => verdict != IndicatorVerdict.Verified;
}
