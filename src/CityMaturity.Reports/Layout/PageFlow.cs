using PdfSharp.Drawing;

namespace CityMaturity.Reports.Layout;

/// <summary>
/// Places line boxes top to bottom inside the body frame and starts a new page when the next box does not
/// fit. Boxes are never clipped: a box always goes where it fits whole (only a box taller than a whole
/// page could not, and the engine never makes one of text).
/// </summary>
internal sealed class PageFlow
{
    private bool _contentOnPage;

    public PageFlow(TextEngine engine, LayoutDocument document)
    {
        Engine = engine;
        Document = document;
    }

    public TextEngine Engine { get; }

    public LayoutDocument Document { get; }

    public XRect Body => Document.Body;

    public LayoutPage Page => Document.Pages[^1];

    public double Y { get; private set; }

    public double Remaining => Body.Bottom - Y;

    /// <summary>True until something other than a running table header was placed on the current page.</summary>
    public bool AtPageTop => !_contentOnPage;

    /// <summary>The structure element that what is placed now belongs to (null: the document itself).</summary>
    public StructureTag? CurrentTag { get; private set; }

    /// <summary>Places what follows inside a new structure element, until the returned scope is disposed.</summary>
    public TagScope Tagged(StructureRole role, string? altText = null)
    {
        var previous = CurrentTag;
        CurrentTag = new StructureTag(role, previous, altText);
        return new TagScope(this, previous);
    }

    /// <summary>Text needs a leaf to sit in: the current element if it is one, else a new paragraph scope.</summary>
    private TagScope? LeafScope() => CurrentTag is { IsContainer: false } ? null : Tagged(StructureRole.Paragraph);

    internal readonly struct TagScope(PageFlow flow, StructureTag? previous) : IDisposable
    {
        public void Dispose() => flow.CurrentTag = previous;
    }

    /// <summary>The section the running head names on pages started from now on.</summary>
    public string? CurrentSection { get; set; }

    /// <summary>Starts a page; only a cover goes without running heads (pages it overflows onto get them).</summary>
    public void NewPage(bool runningHeads = true)
    {
        var page = new LayoutPage(Document.Pages.Count) { SectionTitle = CurrentSection, HasRunningHeads = runningHeads };
        Document.Pages.Add(page);
        Y = Body.Top;
        _contentOnPage = false;
    }

    /// <summary>Starts a new page unless at least <paramref name="height"/> is left (keeps a heading with what follows).</summary>
    public void KeepTogether(double height)
    {
        if (!AtPageTop && Remaining < height)
        {
            NewPage();
        }
    }

    public void Space(double height)
    {
        if (AtPageTop)
        {
            return;
        }

        Y = Math.Min(Y + height, Body.Bottom);
    }

    public void Place(LineBox box, double x)
    {
        if (box.IsSpacer)
        {
            Space(box.Height);
            return;
        }

        if (Y + box.Height > Body.Bottom + 1e-6 && !AtPageTop)
        {
            NewPage();
        }

        using var scope = LeafScope();
        foreach (var item in box.Items)
        {
            Page.Items.Add(item.Offset(x, Y) with { Tag = item.Tag ?? CurrentTag });
        }

        Y += box.Height;
        _contentOnPage = true;
    }

    public void Place(IBlock block, double indent = 0, double? width = null)
    {
        using var scope = LeafScope();
        foreach (var line in block.Lay(Engine, width ?? (Body.Width - indent)))
        {
            Place(line, Body.Left + indent);
        }
    }

    /// <summary>Places a paragraph, keeping its first two lines together so no line is left alone at a page foot.</summary>
    public void Paragraph(Paragraph paragraph, double indent = 0)
    {
        using var scope = LeafScope();
        var lines = paragraph.Lay(Engine, Body.Width - indent).ToList();
        var text = lines.Where(l => !l.IsSpacer).Take(2).Sum(l => l.Height);
        if (lines.Count(l => !l.IsSpacer) > 2)
        {
            KeepTogether(text + (lines[0].IsSpacer ? lines[0].Height : 0));
        }

        foreach (var line in lines)
        {
            Place(line, Body.Left + indent);
        }
    }

    /// <summary>Adds an item at an absolute position on the current page; drawing inside a figure belongs to it.</summary>
    public void Add(LayoutItem item) =>
        Page.Items.Add(item.Tag is null && CurrentTag?.Figure is { } figure ? item with { Tag = figure } : item);

    /// <summary>Adds an item beneath everything already on the page (backgrounds).</summary>
    public void AddBackground(LayoutItem item) => Page.Items.Insert(0, item);

    /// <summary>Moves the cursor down by a height already drawn with <see cref="Add"/>.</summary>
    public void Advance(double height)
    {
        Y += height;
        _contentOnPage = true;
    }

    public void Anchor(string key, string title, int level) =>
        Document.Anchors.Add(new LayoutAnchor(key, title, level, Page.Index, Y));

    /// <summary>Marks the page as holding only a repeated table header so far.</summary>
    internal void MarkOnlyRepeatedHeader() => _contentOnPage = false;
}
