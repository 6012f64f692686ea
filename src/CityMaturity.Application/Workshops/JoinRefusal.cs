namespace CityMaturity.Application.Workshops;

/// <summary>
/// Why joining failed. The join form posts and is redirected back with the refusal's key, and the page shows its
/// sentence (typed input is never echoed); a client that asks for JSON gets the refusal as problem details instead.
/// </summary>
public enum JoinRefusal
{
    NoWorkshop,
    NotRecognised,
    OtherAssessment,
    Removed,
    JoinedElsewhere,
    WalkInsNotAllowed,
    NameMissing,
    GroupMissing,
}

public static class JoinRefusals
{
    public static string Key(this JoinRefusal refusal) => refusal switch
    {
        JoinRefusal.NoWorkshop => "no-workshop",
        JoinRefusal.NotRecognised => "not-recognised",
        JoinRefusal.OtherAssessment => "other-assessment",
        JoinRefusal.Removed => "removed",
        JoinRefusal.JoinedElsewhere => "joined-elsewhere",
        JoinRefusal.WalkInsNotAllowed => "invited-only",
        JoinRefusal.NameMissing => "name",
        JoinRefusal.GroupMissing => "group",
    };

    public static string Message(this JoinRefusal refusal) => refusal switch
    {
        JoinRefusal.NoWorkshop => "There is no live workshop with that code. Check the code on the screen and try again.",
        JoinRefusal.NotRecognised => "Your invitation link was not recognised: it may have expired or been replaced. Ask the facilitator for a new one.",
        JoinRefusal.OtherAssessment => "Your invitation is for another assessment than this workshop's.",
        JoinRefusal.Removed => "The facilitator has taken you out of this workshop. Speak to them if that is a mistake.",
        JoinRefusal.JoinedElsewhere => "You joined from another device at the same moment. Try again to continue on this one.",
        JoinRefusal.WalkInsNotAllowed => "This workshop is for invited participants only: open the personal link from your invitation e-mail and choose “Join the live workshop”.",
        JoinRefusal.NameMissing => $"Give your name (up to {WorkshopRoomService.MaxNameLength} characters), so the facilitator knows who is in the room.",
        JoinRefusal.GroupMissing => "Choose the stakeholder group you speak for.",
    };

    /// <summary>What kind of no it is: the endpoint answers a JSON client with the status of this kind.</summary>
    public static RefusalKind Kind(this JoinRefusal refusal) => refusal switch
    {
        JoinRefusal.NoWorkshop or JoinRefusal.NotRecognised => RefusalKind.NotFound,
        JoinRefusal.Removed or JoinRefusal.JoinedElsewhere => RefusalKind.WrongState,
        JoinRefusal.OtherAssessment or JoinRefusal.WalkInsNotAllowed or JoinRefusal.NameMissing or JoinRefusal.GroupMissing => RefusalKind.RuleBroken,
    };

    /// <summary>The refusal in the application's one shape: its kind and its sentence.</summary>
    public static Refusal ToRefusal(this JoinRefusal refusal) => new(refusal.Kind(), refusal.Message());

    public static JoinRefusal? FromKey(string? key) =>
        Enum.GetValues<JoinRefusal>().Cast<JoinRefusal?>().FirstOrDefault(r => r!.Value.Key() == key);
}
