using System.Globalization;

namespace Autograd.Data;

/// <summary>The optdigits loader.</summary>
public static partial class Datasets
{
    /// <summary>The number of pixels of an optdigits image, 8×8.</summary>
    private const int OptdigitsPixels = 64;

    /// <summary>
    /// Loads a file of the UCI "Optical Recognition of Handwritten Digits" data set (optdigits.tra or optdigits.tes):
    /// each line holds 64 integers 0..16, an 8×8 image row after row, then the digit 0..9, separated by commas. Blank
    /// lines are skipped.
    /// </summary>
    /// <param name="path">The file, such as <c>data/optdigits/optdigits.tra</c>.</param>
    /// <returns>X, one image per row with its pixels scaled to 0..1 (divided by 16), and the digit of each row.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">A line is malformed; the message names the file, the line and the problem.</exception>
    public static (Tensor X, int[] Y) LoadOptdigits(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"LoadOptdigits: '{path}' does not exist (looked for {Path.GetFullPath(path)}).", path);
        }

        var pixels = new List<double>();
        var digits = new List<int>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != OptdigitsPixels + 1)
            {
                throw Malformed(path, lineNumber, $"{fields.Length} fields, but a line holds {OptdigitsPixels} pixels and a class, 65 numbers separated by commas.");
            }

            for (int i = 0; i <= OptdigitsPixels; i++)
            {
                if (!int.TryParse(fields[i], NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out int value))
                {
                    throw Malformed(path, lineNumber, $"field {i + 1}, '{fields[i]}', is not an integer.");
                }

                if (i < OptdigitsPixels && value is < 0 or > 16)
                {
                    throw Malformed(path, lineNumber, $"pixel {i + 1} is {value}; pixels run from 0 to 16.");
                }

                if (i == OptdigitsPixels && value is < 0 or > 9)
                {
                    throw Malformed(path, lineNumber, $"the class is {value}; digits run from 0 to 9.");
                }

                if (i < OptdigitsPixels)
                {
                    pixels.Add(value / 16.0);
                }
                else
                {
                    digits.Add(value);
                }
            }
        }

        if (digits.Count == 0)
        {
            throw new FormatException($"LoadOptdigits: '{path}' holds no examples.");
        }

        var x = new Tensor(digits.Count, OptdigitsPixels, requiresGrad: false);
        pixels.CopyTo(x.Data);
        return (x, digits.ToArray());
    }

    private static FormatException Malformed(string path, int line, string problem) =>
        new($"LoadOptdigits: '{path}', line {line}: {problem}");
}
