using CityMaturity.Domain.Assessments;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace CityMaturity.Application.Exports;

/// <summary>A worksheet: a name and rows of cells (string, number or null for empty). The first row is the header.</summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<object?[]> Rows);

/// <summary>
/// A minimal Office Open XML workbook (SpreadsheetML) written by hand: no spreadsheet library is in our registry.
/// Text goes in as inline strings (no shared-string table to keep in step), numbers as numbers; text a spreadsheet
/// would treat as a formula is neutralised, and characters XML cannot carry are dropped.
/// </summary>
public static class XlsxWorkbook
{
    private const string SpreadsheetNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationshipNs = "http://schemas.openxmlformats.org/package/2006/relationships";

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Write(IReadOnlyList<XlsxSheet> sheets)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", ContentTypes(sheets.Count));
            Entry(zip, "_rels/.rels",
                $"""<Relationships xmlns="{PackageRelationshipNs}"><Relationship Id="rId1" Type="{RelationshipNs}/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Entry(zip, "xl/workbook.xml", Workbook(sheets));
            Entry(zip, "xl/_rels/workbook.xml.rels", WorkbookRelationships(sheets.Count));
            Entry(zip, "xl/styles.xml", Styles());
            for (var i = 0; i < sheets.Count; i++)
            {
                WriteXml(zip, $"xl/worksheets/sheet{i + 1}.xml", writer => Worksheet(writer, sheets[i]));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A1-style column letters: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private static void Worksheet(XmlWriter writer, XlsxSheet sheet)
    {
        writer.WriteStartElement("worksheet", SpreadsheetNs);
        writer.WriteStartElement("sheetViews");
        writer.WriteStartElement("sheetView");
        writer.WriteAttributeString("workbookViewId", "0");
        // The header row stays in view while scrolling.
        writer.WriteStartElement("pane");
        writer.WriteAttributeString("ySplit", "1");
        writer.WriteAttributeString("topLeftCell", "A2");
        writer.WriteAttributeString("activePane", "bottomLeft");
        writer.WriteAttributeString("state", "frozen");
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteStartElement("sheetData");
        for (var r = 0; r < sheet.Rows.Count; r++)
        {
            var rowNumber = (r + 1).ToString(CultureInfo.InvariantCulture);
            writer.WriteStartElement("row");
            writer.WriteAttributeString("r", rowNumber);
            var cells = sheet.Rows[r];
            for (var c = 0; c < cells.Length; c++)
            {
                if (cells[c] is not { } value)
                {
                    continue;
                }

                writer.WriteStartElement("c");
                writer.WriteAttributeString("r", ColumnName(c) + rowNumber);
                if (r == 0)
                {
                    writer.WriteAttributeString("s", "1");
                }

                if (value is string text)
                {
                    writer.WriteAttributeString("t", "inlineStr");
                    writer.WriteStartElement("is");
                    writer.WriteStartElement("t");
                    writer.WriteAttributeString("xml", "space", null, "preserve");
                    writer.WriteString(XmlSafe(SpreadsheetText.Neutralise(text)));
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                }
                else
                {
                    writer.WriteElementString("v", SpreadsheetNs, Convert.ToString(value, CultureInfo.InvariantCulture));
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static string XmlSafe(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }

        var safe = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                safe.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                safe.Append(text[i]).Append(text[i + 1]);
                i++;
            }
        }

        return safe.ToString();
    }

    private static string ContentTypes(int sheetCount)
    {
        var overrides = new StringBuilder();
        for (var i = 1; i <= sheetCount; i++)
        {
            overrides.Append(CultureInfo.InvariantCulture,
                $"""<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""");
        }

        return "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + overrides + "</Types>";
    }

    private static string Workbook(IReadOnlyList<XlsxSheet> sheets)
    {
        var list = new StringBuilder();
        for (var i = 0; i < sheets.Count; i++)
        {
            // Sheet names are ours (fixed English words), but escape them anyway.
            list.Append(CultureInfo.InvariantCulture,
                $"""<sheet name="{System.Security.SecurityElement.Escape(sheets[i].Name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>""");
        }

        return $"""<workbook xmlns="{SpreadsheetNs}" xmlns:r="{RelationshipNs}"><sheets>{list}</sheets></workbook>""";
    }

    private static string WorkbookRelationships(int sheetCount)
    {
        var relationships = new StringBuilder();
        for (var i = 1; i <= sheetCount; i++)
        {
            relationships.Append(CultureInfo.InvariantCulture,
                $"""<Relationship Id="rId{i}" Type="{RelationshipNs}/worksheet" Target="worksheets/sheet{i}.xml"/>""");
        }

        relationships.Append(CultureInfo.InvariantCulture, $"""<Relationship Id="rId{sheetCount + 1}" Type="{RelationshipNs}/styles" Target="styles.xml"/>""");
        return $"""<Relationships xmlns="{PackageRelationshipNs}">{relationships}</Relationships>""";
    }

    /// <summary>Two cell formats: 0 plain, 1 bold (the header row).</summary>
    private static string Styles() =>
        $"""<styleSheet xmlns="{SpreadsheetNs}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"""
        + """<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"""
        + """<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"""
        + """<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"""
        + """<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>"""
        + """<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>""";

    private static void Entry(ZipArchive zip, string name, string xml)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        using var writer = new StreamWriter(stream, new UTF8Encoding(false));
        writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>");
        writer.Write(xml);
    }

    private static void WriteXml(ZipArchive zip, string name, Action<XmlWriter> write)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = false });
        writer.WriteStartDocument(standalone: true);
        write(writer);
        writer.WriteEndDocument();
    }
}
