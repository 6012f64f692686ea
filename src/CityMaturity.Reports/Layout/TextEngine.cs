using System.Globalization;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CityMaturity.Reports.Layout;

/// <summary>
/// Measures and breaks text. Lines break at spaces, after hyphens, between CJK characters (not before
/// closing or after opening punctuation) and, when a word is wider than the line, inside the word between
/// grapheme clusters — so no text is ever dropped. CJK characters get the CJK font, everything else the
/// sans font. Widths are cached per font and string; one engine serves one rendering.
/// </summary>
internal sealed class TextEngine : IDisposable
{
    private const string Ellipsis = "…";

    private readonly XGraphics _measure;
    private readonly Dictionary<FontSpec, XFont> _fonts = [];
    private readonly Dictionary<FontSpec, (double Ascent, double Descent)> _metrics = [];
    private readonly Dictionary<(FontSpec Font, string Text), double> _widths = [];

    public TextEngine()
    {
        _measure = XGraphics.CreateMeasureContext(new XSize(595.28, 841.89), XGraphicsUnit.Point, XPageDirection.Downwards);
    }

    public XFont Font(FontSpec spec)
    {
        if (!_fonts.TryGetValue(spec, out var font))
        {
            var style = (spec.Bold, spec.Italic) switch
            {
                (true, true) => XFontStyleEx.BoldItalic,
                (true, false) => XFontStyleEx.Bold,
                (false, true) => XFontStyleEx.Italic,
                (false, false) => XFontStyleEx.Regular,
            };

            // Unicode encoding: any character the font has, embedded as a subset (PDFsharp's only embedding now).
            font = new XFont(spec.Family, spec.Size, style, new XPdfFontOptions(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset));
            _fonts[spec] = font;
        }

        return font;
    }

    public double Measure(string text, FontSpec font)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        if (!_widths.TryGetValue((font, text), out var width))
        {
            width = _measure.MeasureString(text, Font(font)).Width;
            _widths[(font, text)] = width;
        }

        return width;
    }

    public (double Ascent, double Descent) Metrics(FontSpec spec)
    {
        if (!_metrics.TryGetValue(spec, out var metrics))
        {
            var m = Font(spec).Metrics;
            metrics = (m.Ascent * spec.Size / m.UnitsPerEm, Math.Abs(m.Descent) * spec.Size / m.UnitsPerEm);
            _metrics[spec] = metrics;
        }

        return metrics;
    }

    /// <summary>Breaks rich text into lines no wider than <paramref name="width"/>.</summary>
    public List<LineBox> Break(IReadOnlyList<TextSpan> spans, double width, TextAlign align = TextAlign.Left)
    {
        var atoms = Tokenise(spans);
        var lines = new List<LineBox>();
        if (atoms.Count == 0)
        {
            return lines;
        }

        var fallback = spans[0].Style;
        var start = 0;
        while (start < atoms.Count)
        {
            var end = FitLine(atoms, start, width);
            lines.Add(BuildLine(atoms, start, end, width, align, fallback));
            start = end;
        }

        return lines;
    }

    public List<LineBox> Break(string text, TextStyle style, double width, TextAlign align = TextAlign.Left) =>
        Break([new TextSpan(text, style)], width, align);

    /// <summary>Natural width of text set on one line (no wrapping).</summary>
    public double Width(string text, TextStyle style)
    {
        var atoms = Tokenise([new TextSpan(text, style)]);
        return LineWidth(atoms, 0, atoms.Count);
    }

    /// <summary>Text set on one line on the given baseline, starting at x = 0; no wrapping.</summary>
    public List<LayoutItem> SingleLine(string text, TextStyle style, double baseline)
    {
        var atoms = Tokenise([new TextSpan(text, style)]);
        var line = BuildLine(atoms, 0, atoms.Count, double.MaxValue, TextAlign.Left, style);
        return [.. line.Items.Select(i => i.Offset(0, baseline - line.Baseline))];
    }

    /// <summary>
    /// Shortens <paramref name="text"/> with an ellipsis until it fits <paramref name="width"/>. Only for
    /// running heads, which repeat what the body says in full.
    /// </summary>
    public string Ellipsize(string text, TextStyle style, double width)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (Width(flat, style) <= width)
        {
            return flat;
        }

        var elements = StringInfo.ParseCombiningCharacters(flat);
        int low = 0, high = elements.Length - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Width(flat[..elements[mid]].TrimEnd() + Ellipsis, style) <= width)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low == 0 ? Ellipsis : flat[..elements[low]].TrimEnd() + Ellipsis;
    }

    public void Dispose() => _measure.Dispose();

    private enum Separator
    {
        /// <summary>Glued to the previous atom: no break, no space.</summary>
        None,

        /// <summary>A break may come here; no space is drawn.</summary>
        Break,

        /// <summary>A space; a break may replace it.</summary>
        Space,

        /// <summary>A forced line break.</summary>
        Hard,
    }

    private sealed record Atom(string Text, FontSpec Font, TextStyle Style, double Width, Separator Before)
    {
        public bool BreakAllowedBefore => Before != Separator.None;
    }

    private List<Atom> Tokenise(IReadOnlyList<TextSpan> spans)
    {
        var atoms = new List<Atom>();
        var word = new StringBuilder();
        TextStyle? wordStyle = null;
        var wordBefore = Separator.Break;
        var next = Separator.Break;

        void Emit(string text, TextStyle style, bool cjk, Separator before)
        {
            var font = style.Font(cjk);
            atoms.Add(new Atom(text, font, style, Measure(text, font), atoms.Count == 0 ? Separator.Break : before));
        }

        void FlushWord()
        {
            if (word.Length > 0)
            {
                Emit(word.ToString(), wordStyle!, false, wordBefore);
                word.Clear();
                next = Separator.None;
            }
        }

        foreach (var span in spans)
        {
            if (word.Length > 0 && wordStyle != span.Style)
            {
                FlushWord();
            }

            var text = span.Text;
            for (var i = 0; i < text.Length;)
            {
                if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
                {
                    rune = Rune.ReplacementChar;
                    consumed = 1;
                }

                // A cluster: the rune plus any combining marks that follow it.
                var clusterLength = StringInfo.GetNextTextElementLength(text, i);
                var cluster = text.Substring(i, Math.Max(clusterLength, consumed));
                i += cluster.Length;

                if (Script.IsNewline(rune))
                {
                    FlushWord();
                    next = Separator.Hard;
                }
                else if (rune.Value == 0x200B)
                {
                    FlushWord();
                    next = next == Separator.None ? Separator.Break : next;
                }
                else if (Script.IsInvisible(rune))
                {
                    // dropped: soft hyphens and controls have no glyph
                }
                else if (Script.IsBreakingSpace(rune))
                {
                    FlushWord();
                    next = next == Separator.Hard ? Separator.Hard : Separator.Space;
                }
                else if (Script.IsCjk(rune))
                {
                    FlushWord();
                    var before = next;
                    if (Script.IsClosing(rune) && before == Separator.Break)
                    {
                        before = Separator.None;
                    }
                    else if (before == Separator.None && atoms.Count > 0 && !Script.IsOpening(LastRune(atoms[^1].Text)))
                    {
                        before = Separator.Break;
                    }

                    Emit(cluster, span.Style, true, before);
                    next = Script.IsOpening(rune) ? Separator.None : Separator.Break;
                }
                else
                {
                    if (word.Length == 0)
                    {
                        wordStyle = span.Style;
                        wordBefore = Script.IsClosing(rune) && next == Separator.Break ? Separator.None : next;
                    }

                    word.Append(cluster);
                    if (Script.IsHyphen(rune) && word.Length >= 3 && char.IsLetterOrDigit(word[^2]))
                    {
                        FlushWord();
                        next = Separator.Break;
                    }
                }
            }
        }

        FlushWord();
        return atoms;
    }

    private static Rune LastRune(string text) =>
        Rune.DecodeLastFromUtf16(text, out var rune, out _) == System.Buffers.OperationStatus.Done ? rune : Rune.ReplacementChar;

    private double SpaceWidth(Atom atom) => Measure(" ", atom.Font with { Family = Fonts.FontResolver.SansFamily });

    private double Advance(Atom atom, bool atLineStart) =>
        (!atLineStart && atom.Before == Separator.Space ? SpaceWidth(atom) : 0) + atom.Width;

    private double LineWidth(List<Atom> atoms, int start, int end)
    {
        var width = 0d;
        for (var i = start; i < end; i++)
        {
            width += Advance(atoms[i], i == start);
        }

        return width;
    }

    /// <summary>Returns the end (exclusive) of the line that starts at <paramref name="start"/>; may split an atom in place.</summary>
    private int FitLine(List<Atom> atoms, int start, double width)
    {
        var x = 0d;
        var lastBreak = -1;
        for (var i = start; i < atoms.Count; i++)
        {
            var atom = atoms[i];
            if (i > start && atom.Before == Separator.Hard)
            {
                return i;
            }

            if (i > start && atom.BreakAllowedBefore)
            {
                lastBreak = i;
            }

            var advance = Advance(atom, i == start);
            if (x + advance <= width + 1e-6)
            {
                x += advance;
                continue;
            }

            // The atom does not fit: break before it, or at the last opportunity on this line.
            if (i > start && atom.BreakAllowedBefore)
            {
                return i;
            }

            if (lastBreak > start)
            {
                return lastBreak;
            }

            // No opportunity on the line: the word is wider than the line, so split it between clusters.
            var room = width - x - (i > start && atom.Before == Separator.Space ? SpaceWidth(atom) : 0);
            var elements = StringInfo.ParseCombiningCharacters(atom.Text);
            var count = FittingElements(atom, elements, room);
            if (count == 0)
            {
                if (i > start)
                {
                    // Nothing of it fits after the glued text before it; continue it on the next line.
                    atoms[i] = atom with { Before = Separator.Break };
                    return i;
                }

                count = 1; // a single cluster wider than the line: set it anyway rather than lose it
            }

            if (count >= elements.Length)
            {
                x += advance;
                continue;
            }

            var head = atom.Text[..elements[count]];
            var tail = atom.Text[elements[count]..];
            atoms[i] = atom with { Text = head, Width = Measure(head, atom.Font) };
            atoms.Insert(i + 1, atom with { Text = tail, Width = Measure(tail, atom.Font), Before = Separator.Break });
            return i + 1;
        }

        return atoms.Count;
    }

    private int FittingElements(Atom atom, int[] elements, double room)
    {
        int low = 0, high = elements.Length;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            var end = mid < elements.Length ? elements[mid] : atom.Text.Length;
            if (Measure(atom.Text[..end], atom.Font) <= room + 1e-6)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }

    private LineBox BuildLine(List<Atom> atoms, int start, int end, double width, TextAlign align, TextStyle fallback)
    {
        var height = fallback.LineHeight;
        var (ascent, descent) = Metrics(fallback.Font(false));
        for (var i = start; i < end; i++)
        {
            height = Math.Max(height, atoms[i].Style.LineHeight);
            var m = Metrics(atoms[i].Font);
            ascent = Math.Max(ascent, m.Ascent);
            descent = Math.Max(descent, m.Descent);
        }

        var baseline = ((height - ascent - descent) / 2) + ascent;
        var box = new LineBox(height, baseline);

        var lineWidth = LineWidth(atoms, start, end);
        var x = align switch
        {
            TextAlign.Left => 0,
            TextAlign.Center => Math.Max(0, (width - lineWidth) / 2),
            TextAlign.Right => Math.Max(0, width - lineWidth),
        };

        var i0 = start;
        while (i0 < end)
        {
            // Merge atoms of one font and colour into a run; spaces between them become part of its text.
            var first = atoms[i0];
            var text = new StringBuilder(first.Text);
            var runX = x + (i0 > start && first.Before == Separator.Space ? SpaceWidth(first) : 0);
            var runWidth = first.Width;
            var j = i0 + 1;
            while (j < end && atoms[j].Font == first.Font && atoms[j].Style.Color == first.Style.Color)
            {
                if (atoms[j].Before == Separator.Space)
                {
                    text.Append(' ');
                    runWidth += SpaceWidth(atoms[j]);
                }

                text.Append(atoms[j].Text);
                runWidth += atoms[j].Width;
                j++;
            }

            var m = Metrics(first.Font);
            box.Items.Add(new TextRun(text.ToString(), first.Font, first.Style.Color, runX, baseline, runWidth, m.Ascent, m.Descent));
            x = runX + runWidth;
            i0 = j;
        }

        return box;
    }
}
