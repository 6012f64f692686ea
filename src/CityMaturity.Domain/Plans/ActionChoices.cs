using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Scoring;

namespace CityMaturity.Domain.Plans;

/// <summary>Why a characteristic is offered first on the plan form.</summary>
public enum FocusReason
{
    Weakness,
    GapInPlans,
    WeaknessAndGapInPlans,
}

/// <summary>A characteristic the plan form offers first, and why.</summary>
public sealed record FocusCharacteristic(string Code, FocusReason Reason)
{
    public string Label => Reason switch
    {
        FocusReason.Weakness => "weakness",
        FocusReason.GapInPlans => "gap in plans",
        _ => "weakness, gap in plans",
    };
}

/// <summary>The characteristics of the plan form: the weaknesses and gaps in plans first, then every other one in scope.</summary>
/// <param name="Others">The rest of the scope, in its order.</param>
public sealed record CharacteristicChoices(IReadOnlyList<FocusCharacteristic> Focus, IReadOnlyList<string> Others);

/// <summary>The helpful documents of the plan form: those linked to the chosen characteristic (Table 3) first.</summary>
/// <param name="Linked">Documents serving the characteristic's sub-dimension, in the catalogue's order.</param>
/// <param name="Others">The remaining documents, in the catalogue's order.</param>
public sealed record DocumentChoices(IReadOnlyList<HelpfulDocument> Linked, IReadOnlyList<HelpfulDocument> Others);

/// <summary>What the improvement plan's form offers first: where the assessment says action is most needed.</summary>
public static class ActionChoices
{
    /// <summary>
    /// Weaknesses first (lowest score now first, as the summary lists them), then gaps in plans not already listed
    /// (largest shortfall first); only characteristics in <paramref name="scope"/>. A characteristic that is both is
    /// listed once, where its weakness puts it, marked as both.
    /// </summary>
    public static CharacteristicChoices Characteristics(IReadOnlyList<string> scope, IReadOnlyList<Weakness> weaknesses, IReadOnlyList<GapInPlans> gaps)
    {
        var inScope = scope.ToHashSet(StringComparer.Ordinal);
        var weak = weaknesses.Select(w => w.CharacteristicCode).Where(inScope.Contains).ToList();
        var gapped = gaps.Select(g => g.CharacteristicCode).Where(inScope.Contains).ToHashSet(StringComparer.Ordinal);
        var focus = weak
            .Select(code => new FocusCharacteristic(code, gapped.Contains(code) ? FocusReason.WeaknessAndGapInPlans : FocusReason.Weakness))
            .Concat(gaps.Select(g => g.CharacteristicCode).Where(c => gapped.Contains(c) && !weak.Contains(c)).Select(c => new FocusCharacteristic(c, FocusReason.GapInPlans)))
            .DistinctBy(f => f.Code)
            .ToList();
        var first = focus.Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
        return new CharacteristicChoices(focus, [.. scope.Where(c => !first.Contains(c))]);
    }

    /// <summary>The documents serving <paramref name="subDimensionCode"/> first; all as others when none is chosen.</summary>
    public static DocumentChoices Documents(IReadOnlyList<HelpfulDocument> documents, string? subDimensionCode)
    {
        bool Linked(HelpfulDocument d) => subDimensionCode is not null && d.SubDimensionCodes.Contains(subDimensionCode, StringComparer.Ordinal);
        return new DocumentChoices([.. documents.Where(Linked)], [.. documents.Where(d => !Linked(d))]);
    }
}
