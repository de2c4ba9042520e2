using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Autograd.Interactive;

/// <summary>
/// One axis of a chart: linear or logarithmic, the range its values span, and ticks with readable labels. A log axis
/// gets ticks at 1, 2 and 5 times powers of ten, or only at the powers when it spans many decades, each labelled as a
/// plain number (0.2, 0.5, 1), never plotly.js's bare digits for the ticks between powers.
/// </summary>
internal sealed class ChartAxis
{
    private ChartAxis(bool log, double min, double max, string title)
    {
        Log = log;
        Min = min;
        Max = max;
        Title = title;
        Ticks = log ? LogTicks(min, max) : LinearTicks(min, max);
    }

    internal bool Log { get; }

    /// <summary>The low end of the axis, as a value (not its logarithm).</summary>
    internal double Min { get; }

    internal double Max { get; }

    internal string Title { get; }

    internal IReadOnlyList<(double Value, string Label)> Ticks { get; }

    /// <summary>
    /// The axis Plotly's <paramref name="axis"/> layout describes, spanning <paramref name="values"/> (the values a
    /// log axis cannot show left out), with a twentieth of the span added at each end if <paramref name="pad"/>.
    /// </summary>
    internal static ChartAxis Fit(JObject? axis, IEnumerable<double> values, bool pad)
    {
        bool log = axis?["type"]?.ToString() == "log";
        string title = ChartSvg.Text(axis?["title"]);
        var shown = values.Where(value => double.IsFinite(value) && (!log || value > 0)).Select(value => log ? Math.Log10(value) : value).ToList();
        double low = shown.Count > 0 ? shown.Min() : 0;
        double high = shown.Count > 0 ? shown.Max() : 1;
        if (high - low < 1e-12 * Math.Max(1, Math.Abs(high)))
        {
            (low, high) = (low - 0.5, high + 0.5);
        }
        else if (pad)
        {
            double margin = (high - low) / 20;
            (low, high) = (low - margin, high + margin);
        }

        return log ? new ChartAxis(true, Math.Pow(10, low), Math.Pow(10, high), title) : new ChartAxis(false, low, high, title);
    }

    /// <summary>Whether the axis can show <paramref name="value"/>: a finite number, and positive on a log axis.</summary>
    internal bool Accepts(double value) => double.IsFinite(value) && (!Log || value > 0);

    /// <summary>Where <paramref name="value"/> lies along the axis, from 0 at <see cref="Min"/> to 1 at <see cref="Max"/>.</summary>
    internal double Position(double value) => Log
        ? (Math.Log10(value) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min))
        : (value - Min) / (Max - Min);

    /// <summary>About six ticks at 1, 2 or 5 times a power of ten apart.</summary>
    private static List<(double, string)> LinearTicks(double min, double max)
    {
        double raw = (max - min) / 6;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = (raw / magnitude) switch
        {
            < 1.5 => 1,
            < 3 => 2,
            < 7 => 5,
            _ => 10,
        } * magnitude;
        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step)));
        var ticks = new List<(double, string)>();
        for (double k = Math.Ceiling(min / step); k * step <= max + (step * 1e-9); k++)
        {
            double value = k * step;
            ticks.Add((value, Label(Math.Round(value, Math.Min(decimals, 15)), decimals)));
        }

        return ticks;
    }

    /// <summary>
    /// Ticks at powers of ten and, when the axis spans few decades, at the multiples between them that keep about
    /// four to ten ticks in all.
    /// </summary>
    private static List<(double, string)> LogTicks(double min, double max)
    {
        double decades = Math.Log10(max) - Math.Log10(min);
        int[] multiples = decades switch
        {
            <= 0.6 => [1, 2, 3, 4, 5, 6, 7, 8, 9],
            <= 1.2 => [1, 2, 3, 5, 7],
            <= 2.5 => [1, 2, 5],
            _ => [1],
        };
        int every = Math.Max(1, (int)Math.Ceiling(decades / 7));
        var ticks = new List<(double, string)>();
        for (int power = (int)Math.Floor(Math.Log10(min)); power <= (int)Math.Ceiling(Math.Log10(max)); power++)
        {
            if (power % every != 0)
            {
                continue;
            }

            foreach (int multiple in multiples)
            {
                // Parsed from text, so 3e-1 is the double nearest 0.3, not 3 × 0.1.
                double value = double.Parse($"{multiple}e{power}", CultureInfo.InvariantCulture);
                if (value >= min * (1 - 1e-9) && value <= max * (1 + 1e-9))
                {
                    ticks.Add((value, Label(value, Math.Max(0, -power))));
                }
            }
        }

        return ticks;
    }

    /// <summary>A tick's label: a plain number from 0.0001 to ten million (1.5, not 1.50), else 1e-5 or 2e8.</summary>
    private static string Label(double value, int decimals)
    {
        double size = Math.Abs(value);
        if (size != 0 && (size < 1e-4 || size >= 1e7))
        {
            return value.ToString("0.##e0", CultureInfo.InvariantCulture);
        }

        var text = value.ToString("0." + new string('#', Math.Min(decimals, 15)), CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }
}
