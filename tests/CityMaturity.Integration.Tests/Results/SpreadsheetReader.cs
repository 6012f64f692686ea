using System.IO.Compression;
using System.Xml.Linq;

namespace CityMaturity.Integration.Tests.Results;

/// <summary>Reads our workbooks back the way a spreadsheet would: the workbook's sheet list, then each sheet's cells.</summary>
public static class SpreadsheetReader
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly XNamespace PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>Sheet name → rows → cells (inline string text, or the number as written; "" for a missing cell).</summary>
    public static Dictionary<string, List<string[]>> Read(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        XDocument Load(string name)
        {
            using var stream = (zip.GetEntry(name) ?? throw new InvalidDataException($"{name} is missing")).Open();
            return XDocument.Load(stream);
        }

        Assert.NotNull(zip.GetEntry("[Content_Types].xml"));
        var targets = Load("xl/_rels/workbook.xml.rels").Root!.Elements(PackageRelationships + "Relationship")
            .ToDictionary(r => (string)r.Attribute("Id")!, r => "xl/" + (string)r.Attribute("Target")!);
        var sheets = new Dictionary<string, List<string[]>>();
        foreach (var sheet in Load("xl/workbook.xml").Root!.Element(Main + "sheets")!.Elements(Main + "sheet"))
        {
            var rows = new List<string[]>();
            foreach (var row in Load(targets[(string)sheet.Attribute(Relationships + "id")!]).Descendants(Main + "row"))
            {
                var cells = new SortedDictionary<int, string>();
                foreach (var cell in row.Elements(Main + "c"))
                {
                    var reference = (string)cell.Attribute("r")!;
                    var column = reference.TakeWhile(char.IsLetter).Aggregate(0, (sum, letter) => (sum * 26) + (letter - 'A' + 1)) - 1;
                    cells[column] = (string?)cell.Attribute("t") == "inlineStr"
                        ? string.Concat(cell.Descendants(Main + "t").Select(t => t.Value))
                        : cell.Element(Main + "v")?.Value ?? string.Empty;
                }

                rows.Add([.. Enumerable.Range(0, cells.Count == 0 ? 0 : cells.Keys.Max() + 1).Select(i => cells.GetValueOrDefault(i, string.Empty))]);
            }

            sheets[(string)sheet.Attribute("name")!] = rows;
        }

        return sheets;
    }
}
