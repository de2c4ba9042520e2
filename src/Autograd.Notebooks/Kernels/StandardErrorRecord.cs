namespace Autograd.Notebooks.Kernels;

/// <summary>
/// What a kernel process wrote to standard error, kept to explain its death: the last lines, and the runtime's report
/// of a stack overflow. That report starts with "Stack overflow.", then the frames that repeat (the cell's
/// recursion) and then every frame below them; the last lines alone would show only the kernel's own plumbing.
/// </summary>
internal sealed class StandardErrorRecord
{
    private const int TailLines = 40;

    // Enough for the "Repeated N times:" block of a simple recursion, or the innermost frames of a deep one.
    private const int StackOverflowLines = 12;

    private readonly Queue<string> tail = new();
    private readonly List<string> stackOverflow = [];
    private bool sawStackOverflow;
    private bool inStackOverflow;

    /// <summary>Adds the next line.</summary>
    public void Add(string line)
    {
        lock (tail)
        {
            tail.Enqueue(line);
            if (tail.Count > TailLines)
            {
                tail.Dequeue();
            }

            if (line.StartsWith("Stack overflow.", StringComparison.Ordinal))
            {
                sawStackOverflow = inStackOverflow = true;
                stackOverflow.Clear();
            }
            else if (inStackOverflow)
            {
                stackOverflow.Add(line);
                // The repeated frames stand between two rules; the frames after them are the kernel's.
                var rules = stackOverflow.Count(frame => frame.StartsWith("-----", StringComparison.Ordinal));
                inStackOverflow = stackOverflow.Count < StackOverflowLines && rules < 2;
            }
        }
    }

    /// <summary>
    /// The runtime's report of a stack overflow (the repeated frames, or the innermost ones), or null if the process
    /// did not report one.
    /// </summary>
    public string? StackOverflow
    {
        get
        {
            lock (tail)
            {
                return sawStackOverflow ? string.Join('\n', stackOverflow) : null;
            }
        }
    }

    /// <summary>The last lines, as a paragraph to append to a message ("" if there were none).</summary>
    public string Tail()
    {
        lock (tail)
        {
            return tail.Count == 0 ? "" : "\nIts last error output:\n" + string.Join('\n', tail);
        }
    }
}
