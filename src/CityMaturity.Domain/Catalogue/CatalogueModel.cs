namespace CityMaturity.Domain.Catalogue;

/// <summary>Five texts, one per maturity level. Always complete: the loader rejects a catalogue that lacks one.</summary>
public sealed class LevelTexts
{
    private readonly string[] _texts;

    public LevelTexts(IReadOnlyList<string> textsByLevel)
    {
        if (textsByLevel.Count != 5)
        {
            throw new ArgumentException("Exactly five level texts are required.", nameof(textsByLevel));
        }

        _texts = [.. textsByLevel];
    }

    public string this[MaturityLevel level] => _texts[level.Number() - 1];

    public IEnumerable<(MaturityLevel Level, string Text)> All => MaturityLevels.All.Select(l => (l, this[l]));
}

public sealed record StandardInfo(string Code, string Title);

public sealed record LevelDefinition(MaturityLevel Level, string Name, string Summary);

public sealed record ClassDefinition(CharacteristicClass Class, string Name, string Question, LevelTexts Levels)
{
    public string Code => Class.Code();
}

/// <summary>A rated characteristic. In dimension 4 the sub-dimension is itself the characteristic (same code).</summary>
public sealed record Characteristic(
    string Code,
    string Title,
    string About,
    CharacteristicClass Class,
    string SubDimensionCode,
    string DimensionCode,
    LevelTexts Criteria,
    string? SourceNote);

public sealed record SubDimension(string Code, string Title, string DimensionCode, IReadOnlyList<Characteristic> Characteristics);

public sealed record Dimension(string Code, string Title, string Description, IReadOnlyList<SubDimension> SubDimensions)
{
    public IEnumerable<Characteristic> Characteristics => SubDimensions.SelectMany(s => s.Characteristics);
}

/// <summary>A document that helps (clause 5.2, Table 3) and the sub-dimensions it serves.</summary>
public sealed record HelpfulDocument(string Code, string Title, string Purpose, IReadOnlyList<string> SubDimensionCodes);

/// <summary>A stage of ISO 37104's cycle and what the maturity model does at that stage.</summary>
public sealed record PdcaStage(int Number, string Key, string Name, string ModelUse);

/// <summary>One of the five assessment methods of clause 5.1, in rising order of confidence and cost.</summary>
public sealed record AssessmentMethodInfo(string Key, string Name, string Description);
