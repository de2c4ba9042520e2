namespace Autograd.Determinism;

/// <summary>
/// Runs named checks and prints one line per check, <c>name hash</c>. A check that throws prints
/// <c>name threw ExceptionType</c> instead (the details go to standard error) and the battery carries on, so one
/// broken operation does not hide the others.
/// </summary>
internal sealed class Battery(TextWriter output, TextWriter errors)
{
    /// <summary>Printed instead of a hash when repetitions of a check within this process disagree.</summary>
    public const string Unrepeatable = "unrepeatable";

    /// <summary>How many times <see cref="CheckRepeated"/> runs a check: once for each 8-byte offset in 64 bytes.</summary>
    private const int Repetitions = 8;

    /// <summary>How many checks threw.</summary>
    public int Failures { get; private set; }

    public void Check(string name, Action<Fingerprint> body) => Print(name, Run(name, body));

    /// <summary>
    /// Runs the check <see cref="Repetitions"/> times, each after allocating a spacer one double longer than the last,
    /// so that the arrays the check allocates usually start at another offset from a 64-byte boundary each time (the
    /// allocator hands out memory in order, but may start a new region at any point). A kernel whose result depends
    /// on the alignment of its arrays (how a vector loop splits an array into an unaligned head, aligned body and
    /// tail) then gives different results, and the line says <see cref="Unrepeatable"/> instead of a hash.
    /// </summary>
    public void CheckRepeated(string name, Action<Fingerprint> body)
    {
        var spacers = new List<double[]>();
        string? first = null;
        for (int i = 0; i < Repetitions; i++)
        {
            spacers.Add(new double[i]);
            int failuresBefore = Failures;
            string result = Run(name, body);
            if (Failures != failuresBefore)
            {
                first = result;
                break;
            }

            if (first is null)
            {
                first = result;
            }
            else if (result != first)
            {
                first = Unrepeatable;
                break;
            }
        }

        GC.KeepAlive(spacers);
        Print(name, first!);
    }

    private string Run(string name, Action<Fingerprint> body)
    {
        using var fingerprint = new Fingerprint();
        try
        {
            body(fingerprint);
            return fingerprint.Finish();
        }
        catch (Exception e)
        {
            Failures++;
            errors.WriteLine(name + ": " + e);
            return "threw " + e.GetType().Name;
        }
    }

    private void Print(string name, string result) => output.WriteLine(name + " " + result);
}
