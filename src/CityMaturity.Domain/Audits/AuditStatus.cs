namespace CityMaturity.Domain.Audits;

/// <summary>Where an external audit stands. Every move is an entry of the audit's hash chain.</summary>
public enum AuditStatus
{
    /// <summary>The city engaged an audit body on a closed assessment; the body has not started.</summary>
    Requested,

    /// <summary>The auditors examine the evidence and record findings; the assessed figures are frozen.</summary>
    InProgress,

    /// <summary>The auditors issued their findings; the city may respond.</summary>
    FindingsIssued,

    /// <summary>The city responded to the findings (or resubmitted, which reopens the audit as a new version).</summary>
    CityResponded,

    /// <summary>Closed with an opinion: the record is immutable and the audited levels count.</summary>
    Closed,
}

/// <summary>The audit body's opinion when it closes an audit.</summary>
public enum AuditOpinion
{
    Verified,
    VerifiedWithReservations,
    NotVerified,
}

/// <summary>Who takes a step: the audited city or the audit body.</summary>
public enum AuditParty
{
    City,
    AuditBody,
}

public static class AuditStatuses
{
    /// <summary>
    /// requested → in progress → findings issued → city responded → closed. The city may instead resubmit after
    /// responding (city responded → in progress, a new submission version). Nothing leaves "closed".
    /// </summary>
    public static bool CanMoveTo(this AuditStatus from, AuditStatus to) => (from, to) switch
    {
        (AuditStatus.Requested, AuditStatus.InProgress) => true,
        (AuditStatus.InProgress, AuditStatus.FindingsIssued) => true,
        (AuditStatus.FindingsIssued, AuditStatus.CityResponded) => true,
        (AuditStatus.CityResponded, AuditStatus.InProgress) => true,
        (AuditStatus.CityResponded, AuditStatus.Closed) => true,
        _ => false,
    };

    /// <summary>Who may take the step into <paramref name="to"/>.</summary>
    public static AuditParty MovedBy(AuditStatus from, AuditStatus to) => (from, to) switch
    {
        (AuditStatus.FindingsIssued, AuditStatus.CityResponded) => AuditParty.City,
        (AuditStatus.CityResponded, AuditStatus.InProgress) => AuditParty.City,
        _ => AuditParty.AuditBody,
    };

    /// <summary>While an audit is open the assessed figures (ratings, imports, consensus) must not move.</summary>
    public static bool FreezesFigures(this AuditStatus status) => status != AuditStatus.Closed;

    public static string Code(this AuditStatus status) => status switch
    {
        AuditStatus.Requested => "requested",
        AuditStatus.InProgress => "in_progress",
        AuditStatus.FindingsIssued => "findings_issued",
        AuditStatus.CityResponded => "city_responded",
        AuditStatus.Closed => "closed",
    };

    public static string DisplayName(this AuditStatus status) => status switch
    {
        AuditStatus.Requested => "Requested",
        AuditStatus.InProgress => "In progress",
        AuditStatus.FindingsIssued => "Findings issued",
        AuditStatus.CityResponded => "City responded",
        AuditStatus.Closed => "Closed",
    };

    public static AuditStatus ParseStatus(string code)
    {
        foreach (var candidate in Enum.GetValues<AuditStatus>())
        {
            if (candidate.Code() == code)
            {
                return candidate;
            }
        }

        throw new FormatException($"'{code}' is not an audit status.");
    }

    public static string Code(this AuditOpinion opinion) => opinion switch
    {
        AuditOpinion.Verified => "verified",
        AuditOpinion.VerifiedWithReservations => "verified_with_reservations",
        AuditOpinion.NotVerified => "not_verified",
    };

    public static string DisplayName(this AuditOpinion opinion) => opinion switch
    {
        AuditOpinion.Verified => "Verified",
        AuditOpinion.VerifiedWithReservations => "Verified with reservations",
        AuditOpinion.NotVerified => "Not verified",
    };

    public static AuditOpinion ParseOpinion(string code) =>
        TryParseOpinion(code, out var opinion) ? opinion : throw new FormatException($"'{code}' is not an audit opinion.");

    public static bool TryParseOpinion(string? code, out AuditOpinion opinion)
    {
        foreach (var candidate in Enum.GetValues<AuditOpinion>())
        {
            if (candidate.Code() == code)
            {
                opinion = candidate;
                return true;
            }
        }

        opinion = default;
        return false;
    }
}
