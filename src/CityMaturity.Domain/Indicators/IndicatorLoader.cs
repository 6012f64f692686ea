using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Indicators;

/// <summary>
/// Builds the <see cref="IndicatorLibrary"/> from packs: the frameworks and links embedded in this assembly, then
/// the packs an operator configured (a national framework, extra links, licensed wording). Every fault of every
/// file is collected and raised as one <see cref="IndicatorFrameworkException"/>, so start-up names them all.
/// The formats are described in docs/evidence.md, "Pack formats".
/// </summary>
public static partial class IndicatorLoader
{
    internal const string ResourcePrefix = "CityMaturity.Domain.Indicators.";

    /// <summary>The packs shipped in this assembly: the frameworks (in name order), then the links file.</summary>
    public static IReadOnlyList<(string Json, string Source)> EmbeddedPacks()
    {
        var assembly = typeof(IndicatorLoader).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).ToList();
        return [.. names.Where(n => n.StartsWith(ResourcePrefix + "frameworks.", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Concat(names.Where(n => !n.StartsWith(ResourcePrefix + "frameworks.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            .Select(n => (ReadResource(assembly, n), n[ResourcePrefix.Length..]))];
    }

    /// <summary>The shipped frameworks and links, checked against the catalogue's characteristic codes.</summary>
    public static IndicatorLibrary LoadEmbedded(MaturityCatalogue catalogue) => Load(catalogue, []);

    /// <param name="catalogue">Links must name one of its characteristics.</param>
    /// <param name="operatorPacks">Packs an operator configured, as (json, source name); loaded after the embedded ones.</param>
    public static IndicatorLibrary Load(MaturityCatalogue catalogue, IEnumerable<(string Json, string Source)> operatorPacks) =>
        LoadPacks(catalogue.Characteristics.Select(c => c.Code), EmbeddedPacks().Concat(operatorPacks));

    /// <summary>Loads exactly the given packs, in order (tests use it to load one framework alone).</summary>
    public static IndicatorLibrary LoadPacks(IEnumerable<string> characteristicCodes, IEnumerable<(string Json, string Source)> packs)
    {
        var state = new LoadState(characteristicCodes);
        var textPacks = new List<(TextPackJson Pack, string Source)>();
        foreach (var (json, source) in packs)
        {
            var faults = new FaultList();
            switch (ReadKind(json, faults))
            {
                case "framework":
                    if (Deserialize<FrameworkPackJson>(json, faults) is { } framework)
                    {
                        state.AddFramework(BuildFramework(framework, faults), framework.Links, source, faults);
                    }

                    break;
                case "links":
                    if (Deserialize<LinksPackJson>(json, faults) is { } links)
                    {
                        faults.Expect(links.Links is { Count: > 0 }, "the links pack has no links");
                        state.AddLinks(links.Links, source);
                    }

                    break;
                case "text":
                    if (Deserialize<TextPackJson>(json, faults) is { } text)
                    {
                        textPacks.Add((text, source));
                    }

                    break;
                case { } other:
                    faults.Add($"\"pack\" is '{other}'; expected \"framework\", \"links\" or \"text\"");
                    break;
                case null:
                    break;
            }

            state.Report(source, faults);
        }

        state.CheckLinks();
        var frameworks = state.Frameworks;
        foreach (var (pack, source) in textPacks)
        {
            var faults = new FaultList();
            frameworks = IndicatorTextOverlay.Apply(frameworks, pack, faults);
            state.Report(source, faults);
        }

        state.ThrowIfAny();
        return new IndicatorLibrary(frameworks, state.Links);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new IndicatorFrameworkException([$"{name}: the embedded resource is missing from CityMaturity.Domain"]);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string? ReadKind(string json, FaultList faults)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("pack", out var pack)
                && pack.ValueKind == JsonValueKind.String)
            {
                return pack.GetString() ?? string.Empty;
            }

            faults.Add("the file is not a JSON object with a \"pack\" member (\"framework\", \"links\" or \"text\")");
        }
        catch (JsonException e)
        {
            faults.Add($"it is not valid JSON: {e.Message}");
        }

        return null;
    }

    private static T? Deserialize<T>(string json, FaultList faults)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, CatalogueJson.Options);
        }
        catch (JsonException e)
        {
            faults.Add($"it does not have the pack's shape: {e.Message}");
            return null;
        }
    }

    private static IndicatorFramework BuildFramework(FrameworkPackJson json, FaultList faults)
    {
        var key = faults.Required(json.Key, "key");
        faults.Expect(key.Length == 0 || FrameworkKeyPattern().IsMatch(key), $"key '{key}' must be lower-case letters and digits joined by single hyphens (it is part of a URL)");
        var groups = BuildGroups(json.Groups, faults);
        var groupCodes = groups.Select(g => g.Code).ToHashSet(StringComparer.Ordinal);
        var indicators = (json.Indicators ?? []).Select((i, n) => BuildIndicator(i, n, key, groupCodes, faults)).ToList();
        faults.Expect(indicators.Count > 0, "the framework has no indicators");
        var incomplete = (json.IncompleteParts ?? []).Select((p, n) => faults.Required(p, $"incompleteParts[{n + 1}]")).ToList();
        return new IndicatorFramework(
            key,
            faults.Required(json.Code, "code"),
            faults.Required(json.Name, "name"),
            faults.Required(json.Publisher, "publisher"),
            faults.Required(json.About, "about"),
            groups,
            indicators,
            incomplete)
        {
            WordingSource = faults.Required(json.Wording, "wording"),
        };
    }

    private static List<IndicatorGroup> BuildGroups(List<IndicatorGroupJson>? groups, FaultList faults)
    {
        var result = (groups ?? []).Select((g, n) =>
        {
            var code = faults.Required(g.Code, $"groups[{n + 1}].code");
            var where = $"group '{code}'";
            return new IndicatorGroup(code, faults.Required(g.Name, where + " name"), string.IsNullOrWhiteSpace(g.Parent) ? null : g.Parent.Trim(), faults.Required(g.Kind, where + " kind"));
        }).ToList();
        faults.Unique(result.Select(g => g.Code), "group code");
        var byCode = result.GroupBy(g => g.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var group in result.Where(g => g.ParentCode is not null))
        {
            if (!byCode.ContainsKey(group.ParentCode!))
            {
                faults.Add($"group '{group.Code}' has parent '{group.ParentCode}', which is not a group of this framework");
            }
            else if (HasCycle(group, byCode))
            {
                faults.Add($"group '{group.Code}' is its own ancestor");
            }
        }

        return result;
    }

    private static bool HasCycle(IndicatorGroup group, Dictionary<string, IndicatorGroup> byCode)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { group.Code };
        for (var parent = group.ParentCode; parent is not null && byCode.TryGetValue(parent, out var next); parent = next.ParentCode)
        {
            if (!seen.Add(parent))
            {
                return true;
            }
        }

        return false;
    }

    private static Indicator BuildIndicator(IndicatorJson json, int index, string frameworkKey, HashSet<string> groupCodes, FaultList faults)
    {
        var code = faults.Required(json.Code, $"indicators[{index + 1}].code");
        var where = $"indicator '{code}'";
        faults.Expect(code.Length == 0 || IndicatorSlug.Of(code).Length > 0, $"{where}: the code has no letter or digit, so it has no URL form");
        faults.Expect(!code.Any(char.IsControl), $"{where}: the code contains a control character");
        var group = faults.Required(json.Group, where + " group");
        faults.Expect(group.Length == 0 || groupCodes.Contains(group), $"{where} is in group '{group}', which is not a group of this framework");
        var valueType = ParseEnum<IndicatorValueType>(json.ValueType, where + " valueType", faults, required: true) ?? IndicatorValueType.Number;
        var direction = ParseEnum<IndicatorDirection>(json.Direction, where + " direction", faults, required: true) ?? IndicatorDirection.Neither;
        var tier = ParseEnum<IndicatorTier>(json.Tier, where + " tier", faults, required: false);
        var focus = ParseEnum<IndicatorFocus>(json.Focus, where + " focus", faults, required: false);
        var unit = faults.Required(json.Unit, where + " unit");
        faults.Expect(valueType != IndicatorValueType.Percentage || unit.Length == 0 || unit == "%", $"{where} is a percentage, so its unit must be '%', not '{unit}'");
        var sdgTargets = (json.SdgTargets ?? []).Select(t => t.Trim()).ToList();
        foreach (var target in sdgTargets.Where(t => !SdgTargetPattern().IsMatch(t)))
        {
            faults.Add($"{where} has SDG reference '{target}', which is not a goal, target or indicator of the form 11, 11.2, 11.a or 11.6.2");
        }

        var tags = (json.Tags ?? []).Select((t, n) => faults.Required(t, $"{where} tag {n + 1}")).ToList();
        return new Indicator(
            frameworkKey,
            code,
            faults.Required(json.Name, where + " name"),
            faults.Required(json.Definition, where + " definition"),
            group,
            unit,
            valueType,
            direction,
            tier,
            BuildCalculation(json.Calculation, valueType, where, faults),
            sdgTargets,
            tags,
            string.IsNullOrWhiteSpace(json.Note) ? null : json.Note.Trim())
        {
            Focus = focus,
            VerificationNotes = [.. (json.Verification ?? []).Select((v, n) => faults.Required(v, $"{where} verification note {n + 1}"))],
        };
    }

    private static IndicatorCalculation? BuildCalculation(CalculationJson? json, IndicatorValueType valueType, string where, FaultList faults)
    {
        if (json is null)
        {
            return null;
        }

        faults.Expect(valueType != IndicatorValueType.YesNo, $"{where} is a yes/no indicator and cannot have a calculation");
        var numerator = faults.Required(json.Numerator, where + " calculation numerator");
        var denominator = faults.Required(json.Denominator, where + " calculation denominator");
        // A percentage is a ratio × 100; anything else states its multiplier or is a plain ratio.
        var multiplier = json.Multiplier ?? (valueType == IndicatorValueType.Percentage ? 100m : 1m);
        faults.Expect(multiplier > 0, $"{where} calculation multiplier must be positive, not {multiplier.ToString(CultureInfo.InvariantCulture)}");
        faults.Expect(valueType != IndicatorValueType.Percentage || multiplier == 100m, $"{where} is a percentage, so its calculation multiplier must be 100, not {multiplier.ToString(CultureInfo.InvariantCulture)}");
        return new IndicatorCalculation(numerator, denominator, multiplier);
    }

    /// <summary>Parses a member name of <typeparamref name="T"/> in any case ("yesNo", "YesNo"); numbers are refused.</summary>
    private static T? ParseEnum<T>(string? text, string what, FaultList faults, bool required)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            faults.Expect(!required, $"{what} is missing");
            return null;
        }

        var name = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            faults.Add($"{what} '{text}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}");
            return null;
        }

        return Enum.Parse<T>(name);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex FrameworkKeyPattern();

    // A goal (11), a target (11.2, 11.a) or an indicator (11.6.2, 6.a.1), as the frameworks cite them.
    [GeneratedRegex("^[0-9]{1,2}(\\.([0-9]{1,2}|[a-z])(\\.[0-9]{1,2})?)?$")]
    private static partial Regex SdgTargetPattern();

    /// <summary>What the packs loaded so far hold, and the faults found, by file.</summary>
    private sealed class LoadState(IEnumerable<string> characteristicCodes)
    {
        private readonly HashSet<string> _characteristics = characteristicCodes.ToHashSet(StringComparer.Ordinal);
        private readonly Dictionary<string, Indicator> _byCode = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, string> _slugOwner = new(StringComparer.Ordinal);
        private readonly List<(IndicatorLinkJson Json, string Source)> _linkJson = [];
        private readonly List<string> _faults = [];

        public List<IndicatorFramework> Frameworks { get; } = [];

        public List<IndicatorLink> Links { get; } = [];

        public void AddFramework(IndicatorFramework framework, List<IndicatorLinkJson>? links, string source, FaultList faults)
        {
            if (Frameworks.Any(f => f.Key == framework.Key))
            {
                faults.Add($"framework key '{framework.Key}' is already used by another pack");
            }

            foreach (var indicator in framework.Indicators.Where(i => i.Code.Length > 0))
            {
                if (!_byCode.TryAdd(indicator.Code, indicator))
                {
                    faults.Add($"indicator code '{indicator.Code}' is already used (by framework '{_byCode[indicator.Code].FrameworkKey}'); codes are unique across all frameworks");
                    continue;
                }

                var slug = IndicatorSlug.Of(indicator.Code);
                if (slug.Length > 0 && !_slugOwner.TryAdd(slug, indicator.Code))
                {
                    faults.Add($"indicator code '{indicator.Code}' has the same URL form '{slug}' as '{_slugOwner[slug]}'");
                }
            }

            // Added even when faulty: the load fails anyway, and links to it should not be reported as unknown too.
            Frameworks.Add(framework);
            AddLinks(links, source);
        }

        public void AddLinks(List<IndicatorLinkJson>? links, string source) => _linkJson.AddRange((links ?? []).Select(l => (l, source)));

        /// <summary>Checked once every framework is known, so a links file may name any framework's indicators.</summary>
        public void CheckLinks()
        {
            var seen = new HashSet<(string, string)>();
            foreach (var group in _linkJson.GroupBy(l => l.Source))
            {
                var faults = new FaultList();
                foreach (var (json, n) in group.Select((l, n) => (l.Json, n)))
                {
                    var indicator = faults.Required(json.Indicator, $"links[{n + 1}].indicator");
                    var characteristic = faults.Required(json.Characteristic, $"links[{n + 1}].characteristic");
                    var where = $"link {indicator} → {characteristic}";
                    var rationale = faults.Required(json.Rationale, where + " rationale");
                    var known = _byCode.GetValueOrDefault(indicator);
                    faults.Expect(indicator.Length == 0 || known is not null, $"{where} names indicator '{indicator}', which no framework has");
                    faults.Expect(characteristic.Length == 0 || _characteristics.Contains(characteristic), $"{where} names characteristic '{characteristic}', which is not in the maturity catalogue");
                    var canonical = known?.Code ?? indicator;
                    faults.Expect(seen.Add((canonical.ToUpperInvariant(), characteristic)), $"{where} is given more than once");
                    Links.Add(new IndicatorLink(canonical, characteristic, rationale));
                }

                Report(group.Key, faults);
            }
        }

        public void Report(string source, FaultList faults) => _faults.AddRange(faults.All.Select(f => $"{source}: {f}"));

        public void ThrowIfAny()
        {
            if (_faults.Count > 0)
            {
                throw new IndicatorFrameworkException(_faults);
            }
        }
    }
}
