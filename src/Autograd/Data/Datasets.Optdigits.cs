namespace Autograd.Data;

/// <summary>The optdigits loader.</summary>
public static partial class Datasets
{
    /// <summary>The number of pixels of an optdigits image, 8×8.</summary>
    private const int OptdigitsPixels = 64;

    /// <summary>What a value may be made of, for the messages.</summary>
    private const string DigitsOnly = "a value is ASCII digits 0-9 only, with no sign, spaces or other characters.";

    /// <summary>The most images one tensor holds.</summary>
    private static int MaxOptdigitsExamples => Array.MaxLength / OptdigitsPixels;

    /// <summary>
    /// Loads a file of the UCI "Optical Recognition of Handwritten Digits" data set (optdigits.tra or optdigits.tes):
    /// each line holds 64 integers 0..16, an 8×8 image row after row, then the digit 0..9, separated by commas, each
    /// written in ASCII digits alone. Blank lines are skipped.
    /// </summary>
    /// <param name="path">The file, such as <c>data/optdigits/optdigits.tra</c>.</param>
    /// <returns>X, one image per row with its pixels scaled to 0..1 (divided by 16), and the digit of each row.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">
    /// A line is malformed or a value out of range, or the file holds more images than one tensor can; the message
    /// names the file, the line and the problem, and for a malformed value its field and column.
    /// </exception>
    public static (Tensor X, int[] Y) LoadOptdigits(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"LoadOptdigits: '{path}' does not exist (looked for {Path.GetFullPath(path)}).", path);
        }

        var pixels = new List<double>();
        var digits = new List<int>();
        long lineNumber = 0;
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

            if (digits.Count == MaxOptdigitsExamples)
            {
                throw Malformed(path, lineNumber, $"more examples than one tensor holds: at most {MaxOptdigitsExamples:N0} of {OptdigitsPixels} pixels.");
            }

            int column = 1;
            for (int i = 0; i < OptdigitsPixels; i++)
            {
                pixels.Add(Value(fields[i], 16, $"pixel {i + 1}", "pixels run from 0 to 16", i + 1, column, path, lineNumber) / 16.0);
                column += fields[i].Length + 1;
            }

            digits.Add(Value(fields[OptdigitsPixels], 9, "the class", "digits run from 0 to 9", OptdigitsPixels + 1, column, path, lineNumber));
        }

        if (digits.Count == 0)
        {
            throw new FormatException($"LoadOptdigits: '{path}' holds no examples.");
        }

        var x = new Tensor(digits.Count, OptdigitsPixels, requiresGrad: false);
        pixels.CopyTo(x.Data);
        return (x, digits.ToArray());
    }

    /// <summary>
    /// One field as a number from 0 to <paramref name="max"/>. A value is written in ASCII digits only, as the UCI
    /// files write it: int.Parse would also take a sign, spaces around it and trailing NUL characters.
    /// </summary>
    /// <param name="field">The field's text.</param>
    /// <param name="max">The largest value allowed.</param>
    /// <param name="name">What the value is, for the message: "pixel 3", "the class".</param>
    /// <param name="range">The allowed range, for the message.</param>
    /// <param name="fieldNumber">The field's position in the line, from 1.</param>
    /// <param name="column">The column of the field's first character in the line, from 1.</param>
    /// <param name="path">The file, for the message.</param>
    /// <param name="line">The line number, for the message.</param>
    private static int Value(string field, int max, string name, string range, int fieldNumber, int column, string path, long line)
    {
        if (field.Length == 0)
        {
            throw Malformed(path, line, $"field {fieldNumber} (column {column}) is empty; {DigitsOnly}");
        }

        // A minus sign before digits makes a negative number, which is out of range rather than malformed.
        bool negative = field.Length > 1 && field[0] == '-';
        long value = 0;
        for (int k = negative ? 1 : 0; k < field.Length; k++)
        {
            char c = field[k];
            if (!char.IsAsciiDigit(c))
            {
                throw Malformed(path, line, $"field {fieldNumber}, '{Visible(field)}', has {Visible(c)} at column {column + k}; {DigitsOnly}");
            }

            // Stops growing past max, so any number of digits is read without overflowing.
            value = Math.Min((value * 10) + (c - '0'), max + 1L);
        }

        if (negative && value == 0)
        {
            throw Malformed(path, line, $"field {fieldNumber}, '{field}', has '-' at column {column}; {DigitsOnly}");
        }

        if (negative || value > max)
        {
            throw Malformed(path, line, $"{name} is {field}, out of range: {range}.");
        }

        return (int)value;
    }

    /// <summary>The text with every character outside printable ASCII shown as a \u escape, so that a NUL can be seen.</summary>
    private static string Visible(string text) =>
        string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}"));

    /// <summary>A character as the message shows it: 'x' if it is printable ASCII, else its code point, U+0000.</summary>
    private static string Visible(char c) => c is >= ' ' and <= '~' ? $"'{c}'" : $"U+{(int)c:X4}";

    private static FormatException Malformed(string path, long line, string problem) =>
        new($"LoadOptdigits: '{path}', line {line}: {problem}");
}
