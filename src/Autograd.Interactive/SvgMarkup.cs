using System.Globalization;
using System.Text;

namespace Autograd.Interactive;

/// <summary>What the static charts share: fonts, colours, and writing numbers the same in every culture.</summary>
internal static class SvgMarkup
{
    internal const string Font = "Menlo, Consolas, 'DejaVu Sans Mono', monospace";
    internal const string Ink = "#222222";
    internal const string FaintInk = "#777777";
    internal const string WrongInk = "#c62828";

    /// <summary>A categorical palette (Tableau 10): class k takes colour k, repeating after ten classes.</summary>
    private static readonly (int R, int G, int B)[] Palette =
    [
        (0x4e, 0x79, 0xa7), (0xf2, 0x8e, 0x2b), (0xe1, 0x57, 0x59), (0x76, 0xb7, 0xb2), (0x59, 0xa1, 0x4f),
        (0xed, 0xc9, 0x48), (0xb0, 0x7a, 0xa1), (0xff, 0x9d, 0xa7), (0x9c, 0x75, 0x5f), (0xba, 0xb0, 0xac),
    ];

    /// <summary>The colour of class <paramref name="k"/>, mixed with white by <paramref name="tint"/> (0 keeps it, 1 is white).</summary>
    internal static string ClassColour(int k, double tint = 0)
    {
        var (r, g, b) = Palette[k % Palette.Length];
        return Hex(Mix(r, tint), Mix(g, tint), Mix(b, tint));
    }

    /// <summary>The attribute that lets a standalone picture shrink to a column narrower than itself.</summary>
    internal const string FitToColumn = "style=\"max-width: 100%; height: auto\" ";

    internal static string Hex(int r, int g, int b) => $"#{r:x2}{g:x2}{b:x2}";

    /// <summary>
    /// The opening tag of a standalone SVG document, with a white background and a title; it scales down to a column
    /// narrower than itself.
    /// </summary>
    internal static void Open(StringBuilder svg, int width, int height, string title)
    {
        Append(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" ");
        Append(svg, $"{FitToColumn}font-family=\"{Font}\" font-size=\"12\">\n");
        Append(svg, $"<title>{SvgWriter.Escape(title)}</title>\n");
        Append(svg, $"<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n");
    }

    /// <summary>Appends with numbers written the same in every culture (a German machine would write 12,5).</summary>
    internal static void Append(StringBuilder svg, FormattableString text) => svg.Append(text.ToString(CultureInfo.InvariantCulture));

    /// <summary>A share as a percentage with two decimals: <c>97.22%</c>.</summary>
    internal static string Percent(long part, long whole) =>
        (100.0 * part / whole).ToString("F2", CultureInfo.InvariantCulture) + "%";

    /// <summary>The approximate width of <paramref name="text"/> in the monospace font at <paramref name="fontSize"/>.</summary>
    internal static int TextWidth(string text, int fontSize = 12) => (int)Math.Ceiling(text.Length * 0.6 * fontSize);

    private static int Mix(int channel, double tint) =>
        (int)Math.Round(channel + ((255 - channel) * tint), MidpointRounding.AwayFromZero);
}
