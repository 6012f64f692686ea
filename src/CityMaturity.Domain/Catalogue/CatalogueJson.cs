using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityMaturity.Domain.Catalogue;

// The JSON shapes of catalogue.en.json and of text packs. Everything is nullable here on purpose:
// the loader reports what is missing by name instead of failing inside the deserializer.
internal static class CatalogueJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static T Deserialize<T>(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)
                ?? throw new CatalogueException(source, ["the file is empty (JSON null)"]);
        }
        catch (JsonException e)
        {
            throw new CatalogueException(source, [$"it is not valid catalogue JSON: {e.Message}"]);
        }
    }
}

internal sealed class CatalogueDocument
{
    public string? Language { get; set; }
    public StandardJson? Standard { get; set; }
    public List<LevelJson>? Levels { get; set; }
    public List<ClassJson>? Classes { get; set; }
    public List<DimensionJson>? Dimensions { get; set; }
    public List<DocumentJson>? Documents { get; set; }
    public Dictionary<string, List<string>>? LocalGovernmentFunctions { get; set; }
    public List<StageJson>? PdcaStages { get; set; }
    public List<MethodJson>? AssessmentMethods { get; set; }
}

internal sealed class StandardJson
{
    public string? Code { get; set; }
    public string? Title { get; set; }
}

internal sealed class LevelJson
{
    public int Number { get; set; }
    public string? Name { get; set; }
    public string? Summary { get; set; }
}

internal sealed class ClassJson
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Question { get; set; }
    public Dictionary<string, string>? Levels { get; set; }
}

internal sealed class DimensionJson
{
    public string? Code { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public List<SubDimensionJson>? SubDimensions { get; set; }
}

internal sealed class SubDimensionJson
{
    public string? Code { get; set; }
    public string? Title { get; set; }
    public List<CharacteristicJson>? Characteristics { get; set; }
}

internal sealed class CharacteristicJson
{
    public string? Code { get; set; }
    public string? Title { get; set; }
    public string? Class { get; set; }
    public string? About { get; set; }
    public Dictionary<string, string>? Levels { get; set; }
    public string? Note { get; set; }
}

internal sealed class DocumentJson
{
    public string? Code { get; set; }
    public string? Title { get; set; }
    public string? Purpose { get; set; }
    public List<string>? SubDimensions { get; set; }
}

internal sealed class StageJson
{
    public int Number { get; set; }
    public string? Key { get; set; }
    public string? Name { get; set; }
    public string? ModelUse { get; set; }
}

internal sealed class MethodJson
{
    public string? Key { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
}

/// <summary>A text pack: replacement wording (a licensed official text, or a translation) keyed by the same codes.</summary>
internal sealed class TextPackDocument
{
    public string? Language { get; set; }
    public string? Name { get; set; }
    public Dictionary<string, TextPackEntry>? Dimensions { get; set; }
    public Dictionary<string, TextPackEntry>? SubDimensions { get; set; }
    public Dictionary<string, TextPackEntry>? Characteristics { get; set; }
    public Dictionary<string, TextPackEntry>? Classes { get; set; }
}

internal sealed class TextPackEntry
{
    public string? Title { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? About { get; set; }
    public string? Question { get; set; }
    public Dictionary<string, string>? Levels { get; set; }
}
