using System.Text;

namespace CityMaturity.Reports.Layout;

/// <summary>Character classes that matter for font choice and line breaking.</summary>
internal static class Script
{
    /// <summary>Han, kana, Hangul, CJK punctuation and full-width forms: drawn with the CJK font, breakable between characters.</summary>
    public static bool IsCjk(Rune rune)
    {
        var v = rune.Value;
        return v is >= 0x1100 and <= 0x11FF // Hangul Jamo
            or >= 0x2E80 and <= 0x2FDF // CJK radicals, Kangxi radicals
            or >= 0x2FF0 and <= 0x30FF // description characters, CJK symbols and punctuation, kana
            or >= 0x3100 and <= 0x31FF // Bopomofo, Hangul compatibility, Kanbun, CJK strokes, kana extensions
            or >= 0x3200 and <= 0x4DBF // enclosed CJK, compatibility, extension A
            or >= 0x4E00 and <= 0x9FFF // unified ideographs
            or >= 0xA960 and <= 0xA97F // Hangul Jamo extended A
            or >= 0xAC00 and <= 0xD7FF // Hangul syllables and Jamo extended B
            or >= 0xF900 and <= 0xFAFF // compatibility ideographs
            or >= 0xFE30 and <= 0xFE4F // CJK compatibility forms
            or >= 0xFF00 and <= 0xFFEF // half-width and full-width forms
            or >= 0x20000 and <= 0x3FFFF; // supplementary ideographic planes
    }

    /// <summary>Characters that must not begin a line (they close or follow what precedes them).</summary>
    public static bool IsClosing(Rune rune) => rune.Value switch
    {
        '、' or '。' or '，' or '．' or '：' or '；' or '？' or '！' or '）' or '」' or '』' or '】' or '〉' or '》' or '〕' or '］' or '｝' or '〗' or '〙' or '〛' => true,
        'ー' or '々' or '～' or '・' or '…' or '‥' or '”' or '’' => true,
        '.' or ',' or ';' or ':' or '!' or '?' or ')' or ']' or '}' or '%' => true,
        _ => false,
    };

    /// <summary>Characters that must not end a line (they open what follows).</summary>
    public static bool IsOpening(Rune rune) => rune.Value switch
    {
        '（' or '「' or '『' or '【' or '〈' or '《' or '〔' or '［' or '｛' or '〖' or '〘' or '〚' or '“' or '‘' or '(' or '[' or '{' => true,
        _ => false,
    };

    /// <summary>Spaces that separate words; no-break spaces are part of a word.</summary>
    public static bool IsBreakingSpace(Rune rune) =>
        Rune.IsWhiteSpace(rune) && rune.Value is not (0x00A0 or 0x202F or 0x2007 or 0x2060 or 0xFEFF);

    public static bool IsNewline(Rune rune) => rune.Value is '\n' or '\r' or 0x2028 or 0x2029 or 0x0B or 0x0C or 0x85;

    public static bool IsHyphen(Rune rune) => rune.Value is '-' or 0x2010;

    /// <summary>Soft hyphens, zero-width spaces and other invisible controls that never reach the page.</summary>
    public static bool IsInvisible(Rune rune) =>
        rune.Value is 0x00AD or 0x200B or 0x200C or 0x200D or 0x2060 or 0xFEFF || (Rune.IsControl(rune) && !IsNewline(rune) && rune.Value != '\t');
}
