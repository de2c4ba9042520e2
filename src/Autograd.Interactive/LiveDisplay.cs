using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Autograd.Interactive;

/// <summary>
/// One output of the running cell that is redrawn in place while a loop runs: at most once per interval, so a loop
/// of thousands of steps sends a handful of updates rather than thousands, and once more when the cell finishes, so
/// the output always ends showing the final state. Outside a notebook (a plain program, a test) nothing is shown, except
/// in a notebook's app (<see cref="Notebook.SetupApp"/>), where a picture is written to its file on each redraw and
/// when the program ends.
/// </summary>
internal sealed class LiveDisplay
{
    private readonly Func<object> render;
    // The kernel's types stay out of fields and signatures (the cell is an object here), so that a notebook's app,
    // which has no kernel, never loads them.
    private readonly Action<object, object?>? replace;
    private readonly TimeSpan interval;
    private readonly Stopwatch sinceUpdate = Stopwatch.StartNew();
    private bool stale;
    private object? cellToFlushAtEnd;

    /// <summary>
    /// Redraws with <paramref name="render"/>'s result through <paramref name="replace"/>, if given, which is passed
    /// the cell that is finishing when the redraw is the one made at its end.
    /// </summary>
    internal LiveDisplay(Func<object> render, Action<object, object?>? replace, TimeSpan interval)
    {
        this.render = render;
        this.replace = replace;
        this.interval = interval;
    }

    /// <summary>Shows <paramref name="render"/>'s result as a new output of the running cell, if there is one.</summary>
    internal static LiveDisplay Show(Func<object> render, TimeSpan interval, params string[] mimeTypes) =>
        AppDisplay.IsOn ? AppDisplay.ShowLive(render, interval) : ShowInCell(render, interval, mimeTypes);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static LiveDisplay ShowInCell(Func<object> render, TimeSpan interval, string[] mimeTypes)
    {
        if (KernelInvocationContext.Current is not { } cell)
        {
            return new LiveDisplay(render, null, interval);
        }

        var displayId = cell.Display(render(), mimeTypes).DisplayId;
        var live = new LiveDisplay(
            render, (value, finishing) => Publish(finishing as KernelInvocationContext ?? KernelInvocationContext.Current ?? cell, displayId, value, mimeTypes), interval);
        live.FlushAtEndOfCell();
        return live;
    }

    /// <summary>Records that the content changed, and redraws if the interval has passed since the last redraw.</summary>
    internal void Changed()
    {
        stale = true;
        FlushAtEndOfCell();
        if (sinceUpdate.Elapsed >= interval)
        {
            Flush();
        }
    }

    /// <summary>Redraws now if anything changed since the last redraw.</summary>
    internal void Flush() => Flush(null);

    private void Flush(object? finishing)
    {
        if (!stale || replace is null)
        {
            return;
        }

        stale = false;
        replace(render(), finishing);
        sinceUpdate.Restart();
    }

    /// <summary>
    /// A loop's last changes usually fall within the interval, so they are shown when the running cell ends; the
    /// running cell may be a later one than the cell that first showed the output.
    /// </summary>
    private void FlushAtEndOfCell()
    {
        if (replace is not null && !AppDisplay.IsOn)
        {
            FlushAtEndOfRunningCell();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FlushAtEndOfRunningCell()
    {
        if (KernelInvocationContext.Current is { } cell && !ReferenceEquals(cell, cellToFlushAtEnd))
        {
            cellToFlushAtEnd = cell;
            cell.OnComplete(finishing => Flush(finishing));
        }
    }

    /// <summary>
    /// Replaces the output through the cell's own event stream. <c>DisplayedValue.Update</c> would do the same while
    /// the cell runs, but from a cell's completion callback it writes to the console instead.
    /// </summary>
    private static void Publish(KernelInvocationContext cell, string displayId, object value, string[] mimeTypes) =>
        cell.Publish(new DisplayedValueUpdated(value, displayId, cell.Command, FormattedValue.CreateManyFromObject(value, mimeTypes)));
}
