using System.Diagnostics;
using System.Globalization;

namespace Autograd.Interactive;

/// <summary>
/// A line under the running cell that shows how far a long loop has got: the step, the latest loss and the time
/// taken, updated in place a few times a second, and shown complete when the last step is reported (or the cell
/// ends).
/// </summary>
/// <example>
/// <code>
/// var progress = Progress.Start(steps);
/// for (int step = 1; step &lt;= steps; step++)
/// {
///     var loss = TrainOneStep();
///     progress.Report(step, loss);
/// }
/// </code>
/// </example>
public sealed class Progress : IDisposable
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(250);

    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly LiveDisplay display;
    private bool finished;

    private Progress(int total, string title, TimeSpan interval)
    {
        Total = total;
        Title = title;
        // A notebook's app prints the line once, complete, rather than a line per update.
        display = AppDisplay.IsOn
            ? new LiveDisplay(() => this, null, interval)
            : LiveDisplay.Show(() => this, interval, DisplayFormatters.Html, DisplayFormatters.PlainText);
    }

    /// <summary>How many steps the loop will take.</summary>
    public int Total { get; }

    /// <summary>The name shown before the counts.</summary>
    public string Title { get; }

    /// <summary>How many steps are done, as last reported.</summary>
    public int Step { get; private set; }

    /// <summary>The loss last reported, or NaN before the first report.</summary>
    public double Loss { get; private set; } = double.NaN;

    /// <summary>The time since <see cref="Start"/>, stopped when the last step is reported.</summary>
    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>Shows a progress line under the running cell.</summary>
    /// <param name="total">How many steps the loop will take.</param>
    /// <param name="title">The name shown before the counts.</param>
    /// <param name="interval">The shortest time between two updates of the line; a quarter second by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="total"/> is not positive.</exception>
    public static Progress Start(int total, string title = "training", TimeSpan? interval = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(total);
        return new Progress(total, title, interval ?? DefaultInterval);
    }

    /// <summary>
    /// Records that <paramref name="step"/> steps are done, the latest with <paramref name="loss"/>. Reaching
    /// <see cref="Total"/> finishes the display, as <see cref="Dispose"/> does.
    /// </summary>
    /// <param name="step">How many steps are done: 1 after the first, <see cref="Total"/> after the last.</param>
    /// <param name="loss">The loss of the latest step.</param>
    public void Report(int step, double loss)
    {
        Step = step;
        Loss = loss;
        display.Changed();
        if (step >= Total)
        {
            Dispose();
        }
    }

    /// <summary>Stops the clock and shows the final state, however recent the last update.</summary>
    public void Dispose()
    {
        if (finished)
        {
            return;
        }

        finished = true;
        clock.Stop();
        display.Changed();
        display.Flush();
        if (AppDisplay.IsOn)
        {
            AppDisplay.Show(this);
        }
    }

    /// <summary>The line as text: <c>training: step 150/1000, loss 0.523412, 1.2 s</c>.</summary>
    public override string ToString()
    {
        var loss = double.IsNaN(Loss) && Step == 0 ? "" : $", loss {NumberText.Format(Loss)}";
        return $"{Title}: step {Step}/{Total}{loss}, {Seconds()}{(finished ? ", done" : "")}";
    }

    /// <summary>The line as HTML, with a progress bar.</summary>
    internal string ToHtml() =>
        $"<div class=\"autograd-progress\"><progress max=\"{Total}\" value=\"{Math.Clamp(Step, 0, Total)}\"></progress> " +
        $"{SvgWriter.Escape(ToString())}</div>";

    private string Seconds() => clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
