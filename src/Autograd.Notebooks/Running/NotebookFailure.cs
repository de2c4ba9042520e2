using System.Text;

namespace Autograd.Notebooks.Running;

/// <summary>Why a notebook run stopped: the cell that failed (if one did), its source, and the message.</summary>
/// <param name="NotebookPath">The notebook file.</param>
/// <param name="CellNumber">The failing cell's position (from 1, markdown cells counted), or null if the kernel
/// could not start.</param>
/// <param name="Source">The failing cell's code.</param>
/// <param name="Message">The compiler's or the exception's message, or what went wrong with the kernel.</param>
/// <param name="TimedOut">Whether the cell overran the per-cell timeout.</param>
internal sealed record NotebookFailure(string NotebookPath, int? CellNumber, string Source, string Message, bool TimedOut)
{
    /// <summary>The report a person reads: where, the cell's code, and the message.</summary>
    public override string ToString()
    {
        var report = new StringBuilder();
        if (CellNumber is null)
        {
            report.Append(NotebookPath).Append(": ").Append(Message);
            return report.ToString();
        }

        report.Append(NotebookPath).Append(", cell ").Append(CellNumber)
            .Append(TimedOut ? " timed out:" : " failed:").Append('\n');
        foreach (var line in Source.TrimEnd().Split('\n'))
        {
            report.Append("    | ").Append(line.TrimEnd('\r')).Append('\n');
        }

        report.Append(Message.TrimEnd());
        return report.ToString();
    }
}
