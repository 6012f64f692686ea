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
