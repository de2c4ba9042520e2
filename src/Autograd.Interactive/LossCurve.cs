using Plotly.NET;

namespace Autograd.Interactive;

/// <summary>
/// A loss chart under the running cell that grows while a training loop runs: the chart appears with the first point
/// and is redrawn in place at most twice a second, and once more, complete, when the cell ends.
/// </summary>
/// <example>
/// <code>
/// var curve = LossCurve.Show("spiral");
/// for (int step = 0; step &lt; steps; step++)
/// {
///     var loss = TrainOneStep();
///     curve.Add(step, loss);
/// }
/// </code>
/// </example>
public sealed class LossCurve
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(500);

    private readonly List<(string Name, List<double> Steps, List<double> Losses)> lines = [];
    private readonly TimeSpan interval;
    private LiveDisplay? display;

    private LossCurve(string title, string xTitle, bool logY, TimeSpan interval)
    {
        Title = title;
        XTitle = xTitle;
        LogY = logY;
        this.interval = interval;
    }

    /// <summary>The chart's title.</summary>
    public string Title { get; }

    /// <summary>The x axis's title: what a step is, such as "epoch".</summary>
    public string XTitle { get; }

    /// <summary>Whether the loss axis is logarithmic.</summary>
    public bool LogY { get; }

    /// <summary>The points so far, one series per name, in the order the names first appeared.</summary>
    public IReadOnlyList<Series> Series => lines.Select(line => new Series(line.Name, line.Steps, line.Losses)).ToList();

    /// <summary>Starts a loss chart; it is shown under the running cell when the first point arrives.</summary>
    /// <param name="title">The chart's title.</param>
    /// <param name="xTitle">The x axis's title: what a step is, such as "epoch".</param>
    /// <param name="logY">Whether the loss axis is logarithmic.</param>
    /// <param name="interval">The shortest time between two redraws; half a second by default.</param>
    public static LossCurve Show(string title = "loss", string xTitle = "step", bool logY = false, TimeSpan? interval = null) =>
        new(title, xTitle, logY, interval ?? DefaultInterval);

    /// <summary>Adds a point to the series named "loss".</summary>
    /// <param name="step">The step (or epoch) the loss belongs to: the x value.</param>
    /// <param name="loss">The loss.</param>
    public void Add(double step, double loss) => Add("loss", step, loss);

    /// <summary>Adds a point to the named series, such as "train" or "validation".</summary>
    /// <param name="series">The series' name, shown in the legend; a new name starts a new line.</param>
    /// <param name="step">The step (or epoch) the loss belongs to: the x value.</param>
    /// <param name="loss">The loss.</param>
    public void Add(string series, double step, double loss)
    {
        ArgumentNullException.ThrowIfNull(series);
        var line = lines.Find(l => l.Name == series);
        if (line.Name is null)
        {
            line = (series, [], []);
            lines.Add(line);
        }

        line.Steps.Add(step);
        line.Losses.Add(loss);
        if (display is null)
        {
            display = LiveDisplay.Show(ToChart, interval);
        }
        else
        {
            display.Changed();
        }
    }

    /// <summary>The chart of every point so far.</summary>
    public GenericChart ToChart()
    {
        var series = lines.Count > 0 ? Series : [new Series("loss", [], [])];
        return Charts.Line(series, Title, XTitle, yTitle: "loss", logY: LogY);
    }
}
