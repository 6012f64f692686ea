namespace CityMaturity.Reports.Layout;

/// <summary>The logical role of what an item draws, for the tagged PDF a screen reader reads.</summary>
public enum StructureRole
{
    /// <summary>Decoration or pagination (rules, fills, repeated table headers): not read out.</summary>
    Artifact,
    Section,
    Heading1,
    Heading2,
    Heading3,
    Paragraph,
    Table,
    TableRow,
    TableHeaderCell,
    TableCell,

    /// <summary>A chart: read as its alternative text; everything drawn inside it belongs to it.</summary>
    Figure,
}

/// <summary>
/// One element of the report's logical structure (a heading, a paragraph, a table cell, a figure), nested in its
/// parent. Items of the layout model point at the element they belong to; identity, not value, tells two
/// paragraphs with the same role apart.
/// </summary>
public sealed class StructureTag
{
    public StructureTag(StructureRole role, StructureTag? parent = null, string? altText = null)
    {
        Role = role;
        Parent = parent;
        AltText = altText;
    }

    /// <summary>Shared by everything that is not content.</summary>
    public static StructureTag Artifact { get; } = new(StructureRole.Artifact);

    public StructureRole Role { get; }

    public StructureTag? Parent { get; }

    public string? AltText { get; }

    /// <summary>Containers hold other elements; leaves hold text (or, for a figure, drawing).</summary>
    public bool IsContainer => Role is StructureRole.Section or StructureRole.Table or StructureRole.TableRow;

    /// <summary>From the outermost ancestor down to this element.</summary>
    public IReadOnlyList<StructureTag> Path()
    {
        var path = new List<StructureTag>();
        for (var tag = this; tag is not null; tag = tag.Parent)
        {
            path.Insert(0, tag);
        }

        return path;
    }

    /// <summary>The figure this element belongs to, if any.</summary>
    public StructureTag? Figure => Path().FirstOrDefault(t => t.Role == StructureRole.Figure);
}
