using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Unicode;

namespace Autograd.NN;

/// <summary>
/// Reads and writes a module's parameters in the safetensors format (https://github.com/huggingface/safetensors):
/// an 8-byte little-endian header length N, N bytes of JSON naming each tensor with its dtype, shape and byte range
/// (<c>data_offsets</c>, relative to the end of the header), then the raw little-endian numbers.
/// </summary>
internal static class Safetensors
{
    private const string Metadata = "__metadata__";

    /// <summary>The longest file handled: it is read and written as one array of bytes.</summary>
    private static int MaxFileLength => Array.MaxLength;

    /// <summary>Bytes per element of the dtypes the format defines, for checking byte ranges.</summary>
    private static readonly Dictionary<string, int> ElementSizes = new()
    {
        ["F64"] = 8,
        ["F32"] = 4,
        ["F16"] = 2,
        ["BF16"] = 2,
        ["F8_E4M3"] = 1,
        ["F8_E5M2"] = 1,
        ["I64"] = 8,
        ["I32"] = 4,
        ["I16"] = 2,
        ["I8"] = 1,
        ["U64"] = 8,
        ["U32"] = 4,
        ["U16"] = 2,
        ["U8"] = 1,
        ["BOOL"] = 1,
    };

    internal static void Save(Module module, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var entries = Entries(module, nameof(Save));

        var header = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            json.WriteStartObject(Metadata);
            json.WriteString("format", "pt");
            json.WriteEndObject();
            long offset = 0;
            foreach (var entry in entries)
            {
                long size = 8L * entry.Tensor.Data.Length;
                json.WriteStartObject(entry.Name);
                json.WriteString("dtype", "F64");
                json.WriteStartArray("shape");
                foreach (int n in entry.Shape)
                {
                    json.WriteNumberValue(n);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + size);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += size;
            }

            json.WriteEndObject();
        }

        // The reference writer pads the header with spaces so that the data starts 8-byte aligned.
        int headerLength = (header.WrittenCount + 7) / 8 * 8;
        long dataLength = entries.Sum(e => 8L * e.Tensor.Data.Length);
        if (8 + headerLength + dataLength > MaxFileLength)
        {
            throw new InvalidOperationException(
                $"Save: the model's {dataLength / 8:N0} numbers take {8 + headerLength + dataLength:N0} bytes as a safetensors file of float64; " +
                $"Save and Load handle files of at most {MaxFileLength:N0} bytes.");
        }

        var bytes = new byte[8 + headerLength + dataLength];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)headerLength);
        header.WrittenSpan.CopyTo(bytes.AsSpan(8));
        bytes.AsSpan(8 + header.WrittenCount, headerLength - header.WrittenCount).Fill((byte)' ');

        int position = 8 + headerLength;
        foreach (var entry in entries)
        {
            foreach (double value in SavedOrder(entry))
            {
                BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(position), value);
                position += 8;
            }
        }

        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllBytes(path, bytes);
    }

    internal static void Load(Module module, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Load: '{path}' does not exist.", path);
        }

        long length = new FileInfo(path).Length;
        if (length > MaxFileLength)
        {
            throw Invalid(path, $"the file has {length:N0} bytes; Save and Load handle files of at most {MaxFileLength:N0} bytes, the longest array .NET allows.");
        }

        var bytes = File.ReadAllBytes(path);
        var file = Parse(bytes, path);
        var values = Match(Entries(module, nameof(Load)), file, bytes, path);

        // Everything has been checked and decoded: only now is the model changed.
        foreach (var (entry, data) in values)
        {
            data.CopyTo(entry.Tensor.Data, 0);
            entry.Tensor.MarkChanged();
        }
    }

    /// <summary>The model's parameters under their names (<see cref="Module.NamedParameters"/>), each name once.</summary>
    private static List<StateEntry> Entries(Module module, string operation)
    {
        var entries = module.StateEntries().ToList();
        var twice = entries.GroupBy(e => e.Name).FirstOrDefault(names => names.Count() > 1);
        if (twice is not null)
        {
            throw new InvalidOperationException(
                $"{operation}: {twice.Count()} parameters of {module.GetType().Name} are named {twice.Key}; each name must be used once in a file.");
        }

        return entries;
    }

    /// <summary>The file's header, checked against the format: every entry well formed, the data exactly covered.</summary>
    private static Dictionary<string, FileEntry> Parse(byte[] bytes, string path)
    {
        if (bytes.Length < 8)
        {
            throw Invalid(path, $"the file is truncated: it has {bytes.Length} bytes, and a safetensors file starts with an 8-byte header length.");
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if ((long)headerLength < 0)
        {
            throw Invalid(path, $"the header length is {(long)headerLength} as a signed 64-bit number, which is absurd: this is not a safetensors file.");
        }

        if (headerLength > (ulong)(bytes.Length - 8))
        {
            throw Invalid(path, $"the header length says {headerLength} bytes, but only {bytes.Length - 8} bytes follow it: the file is truncated or not a safetensors file.");
        }

        if (!Utf8.IsValid(bytes.AsSpan(8, (int)headerLength)))
        {
            throw Invalid(path, "the header is not valid UTF-8 text, so it cannot be the JSON a safetensors file starts with.");
        }

        var entries = new Dictionary<string, FileEntry>();
        long dataLength = bytes.Length - 8 - (long)headerLength;
        try
        {
            using var document = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(path, $"the header is a JSON {document.RootElement.ValueKind}, not an object of tensors.");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == Metadata)
                {
                    continue;
                }

                var entry = ParseEntry(property, path);
                if (!entries.TryAdd(entry.Name, entry))
                {
                    throw Invalid(path, $"the header names {entry.Name} twice.");
                }
            }
        }
        catch (JsonException error)
        {
            throw Invalid(path, $"the header is not valid JSON: {error.Message}", error);
        }

        CheckCoverage(entries.Values, dataLength, path);
        return entries;
    }

    private static FileEntry ParseEntry(JsonProperty property, string path)
    {
        string name = property.Name;
        var value = property.Value;
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, $"the header's entry {name} is a JSON {value.ValueKind}, not an object with dtype, shape and data_offsets.");
        }

        if (!value.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
        {
            throw Invalid(path, $"{name} has no dtype string.");
        }

        string dtype = dtypeElement.GetString()!;
        if (!ElementSizes.TryGetValue(dtype, out int elementSize))
        {
            throw Invalid(path, $"{name} has dtype {dtype}, which is not a safetensors dtype.");
        }

        var shape = Integers(value, "shape", name, path);
        var offsets = Integers(value, "data_offsets", name, path);
        if (offsets.Length != 2 || offsets[0] > offsets[1])
        {
            throw Invalid(path, $"{name} has data_offsets [{string.Join(", ", offsets)}]; they must be two numbers, start ≤ end.");
        }

        long count = 1;
        foreach (long n in shape)
        {
            count = n == 0 || count <= long.MaxValue / n ? count * n : long.MaxValue;
        }

        long bytes = offsets[1] - offsets[0];
        if (count > bytes / elementSize || count * elementSize != bytes)
        {
            string needed = count > long.MaxValue / elementSize ? "more bytes than a file can hold" : $"{count * elementSize} bytes";
            throw Invalid(path, $"{name} has shape {Format(shape)} of {dtype}, which takes {needed}, but its data_offsets [{offsets[0]}, {offsets[1]}] cover {bytes}.");
        }

        return new FileEntry(name, dtype, shape, offsets[0], offsets[1]);
    }

    /// <summary>A list of non-negative integers, such as the shape.</summary>
    private static long[] Integers(JsonElement value, string field, string name, string path)
    {
        if (!value.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(path, $"{name} has no {field} array.");
        }

        var result = new long[array.GetArrayLength()];
        int i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out result[i]) || result[i] < 0)
            {
                throw Invalid(path, $"{name} has {field} {array.GetRawText()}; it must hold non-negative integers.");
            }

            i++;
        }

        return result;
    }

    /// <summary>The byte ranges must tile the data exactly, as the reference reader requires: no gap, overlap or excess.</summary>
    private static void CheckCoverage(IEnumerable<FileEntry> entries, long dataLength, string path)
    {
        long end = 0;
        foreach (var entry in entries.OrderBy(e => e.Start).ThenBy(e => e.End))
        {
            if (entry.Start != end)
            {
                throw Invalid(path, $"{entry.Name}'s data_offsets start at {entry.Start}, but the previous tensor ends at {end}: the ranges must follow one another without gaps or overlaps.");
            }

            end = entry.End;
        }

        if (end > dataLength)
        {
            throw Invalid(path, $"the tensors need {end} bytes of data after the header, but the file has only {dataLength}: the file is truncated.");
        }

        if (end < dataLength)
        {
            throw Invalid(path, $"the file has {dataLength - end} bytes after the last tensor's data; a safetensors file ends with it.");
        }
    }

    /// <summary>Every entry of the model found in the file with the right dtype and shape, decoded into the model's layout.</summary>
    private static List<(StateEntry Entry, double[] Data)> Match(List<StateEntry> model, Dictionary<string, FileEntry> file, byte[] bytes, string path)
    {
        var missing = model.Where(e => !file.ContainsKey(e.Name)).Select(e => e.Name).ToList();
        var extra = file.Keys.Where(k => !model.Any(e => e.Name == k)).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            var problems = new List<string>();
            if (missing.Count > 0)
            {
                problems.Add($"the file has no {string.Join(", ", missing)}");
            }

            if (extra.Count > 0)
            {
                problems.Add($"the file has {string.Join(", ", extra)}, which this model does not have");
            }

            throw Invalid(path, $"{string.Join("; ", problems)}. The model's keys are {string.Join(", ", model.Select(e => e.Name))}: is it the same architecture?");
        }

        long dataStart = bytes.Length - file.Values.Sum(e => e.End - e.Start);
        var result = new List<(StateEntry, double[])>();
        foreach (var entry in model)
        {
            var stored = file[entry.Name];
            if (stored.Dtype != "F64")
            {
                throw Invalid(path, $"{entry.Name} is stored as {stored.Dtype}; Load reads F64 (float64) only. In PyTorch, call model.double() before saving.");
            }

            if (!stored.Shape.SequenceEqual(entry.Shape.Select(n => (long)n)))
            {
                throw Invalid(path, $"{entry.Name} has shape {Format(stored.Shape)} in the file, but the model's is {Format(entry.Shape.Select(n => (long)n))}.");
            }

            var data = new double[entry.Tensor.Data.Length];
            var source = bytes.AsSpan((int)(dataStart + stored.Start), (int)(stored.End - stored.Start));
            int rows = entry.Tensor.Rows;
            int cols = entry.Tensor.Cols;
            for (int i = 0; i < data.Length; i++)
            {
                double value = BinaryPrimitives.ReadDoubleLittleEndian(source[(8 * i)..]);

                // A transposed entry is saved cols×rows: its element (c, r), at i = rows·c + r, is our (r, c).
                int target = entry.Transposed ? (cols * (i % rows)) + (i / rows) : i;
                data[target] = value;
            }

            result.Add((entry, data));
        }

        return result;
    }

    /// <summary>The tensor's numbers in the order they are saved: row-major in the saved layout.</summary>
    private static IEnumerable<double> SavedOrder(StateEntry entry)
    {
        var t = entry.Tensor;
        if (!entry.Transposed)
        {
            return t.Data;
        }

        return Enumerable.Range(0, t.Data.Length).Select(i => t.Data[(t.Cols * (i % t.Rows)) + (i / t.Rows)]);
    }

    private static string Format(IEnumerable<long> shape) => $"[{string.Join(", ", shape)}]";

    private static InvalidDataException Invalid(string path, string problem, Exception? inner = null) =>
        new($"Load: '{path}': {problem}", inner);

    private sealed record FileEntry(string Name, string Dtype, long[] Shape, long Start, long End);
}
