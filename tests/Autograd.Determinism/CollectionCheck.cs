using System.Diagnostics.Tracing;
using Autograd.Data;
using Autograd.NN;
using Autograd.Optim;

namespace Autograd.Determinism;

/// <summary>
/// Trains a small network and prints how many garbage collections were started, and how many of them were induced
/// (asked for by code, not triggered by allocation), as the runtime's own GC events report them.
/// </summary>
internal static class CollectionCheck
{
    public static int Run(TextWriter output)
    {
        using var listener = new CollectionListener();
        var (x, y) = Datasets.Spiral(100, 3, seed: 0);
        var rng = new Random(0);
        var model = new Sequential(new Linear(2, 100, rng), new ReLU(), new Linear(100, 3, rng));
        var optimizer = new SGD(model.Parameters(), lr: 1);
        var lossFunction = new CrossEntropyLoss();
        double last = 0;
        for (int step = 0; step < 300; step++)
        {
            using var stepScope = Tensor.Scope();
            optimizer.ZeroGrad();
            var loss = lossFunction.Forward(model.Forward(x), y);
            loss.Backward();
            optimizer.Step();
            last = loss.Item();
        }

        // The runtime delivers its events on a thread of its own, shortly after they happen.
        Thread.Sleep(1000);
        output.WriteLine($"loss {last:R}");
        output.WriteLine($"collections {listener.Started}");
        output.WriteLine($"induced {listener.Induced}");
        return 0;
    }

    private sealed class CollectionListener : EventListener
    {
        // The runtime's GC keyword, and the reasons its GCStart event gives for collections code asked for.
        private const EventKeywords GcKeyword = (EventKeywords)0x1;
        private const uint ReasonInduced = 1;
        private const uint ReasonInducedNotForced = 7;
        private const uint ReasonInducedCompacting = 8;

        private int started;
        private int inducedCount;

        public int Started => Volatile.Read(ref started);

        public int Induced => Volatile.Read(ref inducedCount);

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Informational, GcKeyword);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName?.StartsWith("GCStart", StringComparison.Ordinal) != true || eventData.Payload is null)
            {
                return;
            }

            Interlocked.Increment(ref started);
            int index = eventData.PayloadNames?.IndexOf("Reason") ?? -1;
            if (index >= 0 && Convert.ToUInt32(eventData.Payload[index]) is ReasonInduced or ReasonInducedNotForced or ReasonInducedCompacting)
            {
                Interlocked.Increment(ref inducedCount);
            }
        }
    }
}
