namespace CityMaturity.Domain.Catalogue;

/// <summary>The three classes of Table 2 of ISO/TS 37107; each has its own generic reading of the five levels.</summary>
public enum CharacteristicClass
{
    /// <summary>(a) How integrated and citizen-centric the community is.</summary>
    IntegratedAndCitizenCentric,

    /// <summary>(b) How open and collaborative the community is.</summary>
    OpenAndCollaborative,

    /// <summary>(c) Progress towards the six purposes of a sustainable community.</summary>
    SustainableOutcomes,
}

public static class CharacteristicClasses
{
    public static string Code(this CharacteristicClass characteristicClass) => characteristicClass switch
    {
        CharacteristicClass.IntegratedAndCitizenCentric => "a",
        CharacteristicClass.OpenAndCollaborative => "b",
        CharacteristicClass.SustainableOutcomes => "c",
    };

    public static bool TryParse(string? code, out CharacteristicClass characteristicClass)
    {
        switch (code)
        {
            case "a": characteristicClass = CharacteristicClass.IntegratedAndCitizenCentric; return true;
            case "b": characteristicClass = CharacteristicClass.OpenAndCollaborative; return true;
            case "c": characteristicClass = CharacteristicClass.SustainableOutcomes; return true;
            default: characteristicClass = default; return false;
        }
    }
}
