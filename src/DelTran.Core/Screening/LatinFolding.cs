namespace DelTran.Core.Screening;

/// <summary>
/// Strips diacritics from Latin letters. DelTran runs with InvariantGlobalization, where string.Normalize does
/// not decompose non-ASCII text, so the base letters come from these tables instead: each character is the first
/// character of the Unicode (NFKD) decomposition of the code point, '.' where there is no Latin base letter.
/// Generated from UnicodeData for U+00C0..U+024F and U+1E00..U+1EFF (Vietnamese lives in the second block).
/// </summary>
internal static class LatinFolding
{
    private const int Block1Start = 0x00C0;
    private const string Block1 =
        "AAAAAA.CEEEEIIII.NOOOOO..UUUUY..AAAAAA.CEEEEIIII.NOOOOO..UUUUY.YAAAAAACCCCCCCCDD..EEEEEEEEEEGGGGGGGGHH..IIIIIIIII...JJKK.LLLLLL...." +
        "NNNNNN...OOOOOO..RRRRRRSSSSSSSSTTTT..UUUUUUUUUUUUWWYYYZZZZZZS................................OO.............UU......................" +
        "......AAIIOOUUUUUUUUUU.AAAA....GGKKOOOO..J...GG..NNAA....AAAAEEEEIIIIOOOORRRRUUUUSSTT..HH......AAEEOOOOOOOOYY.........................." +
        "..";

    private const int Block2Start = 0x1E00;
    private const string Block2 =
        "AABBBBBBCCDDDDDDDDDDEEEEEEEEEEFFGGHHHHHHHHHHIIIIKKKKKKLLLLLLLLMMMMMMNNNNNNNNOOOOOOOOPPPPRRRRRRRRSSSSSSSSSSTTTTTTTTUUUUUUUUUUVVVVWWWWWWWWWW" +
        "XXXXYYZZZZZZHTWY.S....AAAAAAAAAAAAAAAAAAAAAAAAEEEEEEEEEEEEEEEEIIIIOOOOOOOOOOOOOOOOOOOOOOOOUUUUUUUUUUUUUUYYYYYYYY......";

    /// <summary>
    /// Appends the upper-case ASCII form of a Latin letter to <paramref name="output"/>; false when
    /// <paramref name="c"/> is not one this table knows (the caller keeps it as it is).
    /// </summary>
    public static bool TryAppend(char c, System.Text.StringBuilder output)
    {
        // Letters with no decomposition that still have a conventional Latin spelling.
        string? spelled = c switch
        {
            'Æ' or 'æ' => "AE",
            'Œ' or 'œ' => "OE",
            'ß' or 'ẞ' => "SS",
            'Þ' or 'þ' => "TH",
            'Ĳ' or 'ĳ' => "IJ",
            'Ð' or 'ð' or 'Đ' or 'đ' => "D",
            'Ø' or 'ø' => "O",
            'Ł' or 'ł' => "L",
            'Ħ' or 'ħ' => "H",
            'Ŧ' or 'ŧ' => "T",
            'ı' => "I",
            _ => null,
        };
        if (spelled is not null)
        {
            output.Append(spelled);
            return true;
        }

        char folded = c switch
        {
            >= (char)Block1Start and < (char)(Block1Start + 400) => Block1[c - Block1Start],
            >= (char)Block2Start and < (char)(Block2Start + 256) => Block2[c - Block2Start],
            >= '\uFF21' and <= '\uFF3A' => (char)('A' + (c - '\uFF21')), // fullwidth A-Z
            >= '\uFF41' and <= '\uFF5A' => (char)('A' + (c - '\uFF41')), // fullwidth a-z
            _ => '.',
        };
        if (folded == '.')
        {
            return false;
        }

        output.Append(folded);
        return true;
    }

    /// <summary>Combining diacritical marks (U+0300..U+036F), found in text that arrives already decomposed.</summary>
    public static bool IsCombiningMark(char c) => c is >= '\u0300' and <= '\u036F';
}
