using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityMaturity.Application.Assessments;

/// <summary>
/// The rating card's evidence response written by generated code (ADR 0057): the same JSON as the web defaults
/// (camelCase), without the reflection-driven converters' per-property work, so opening a card costs little beside
/// the page's state (docs/performance.md, "Rating card with evidence").
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RatingCardEvidenceSet))]
public sealed partial class RatingCardJson : JsonSerializerContext;
