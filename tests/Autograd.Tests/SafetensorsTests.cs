using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Autograd.NN;

namespace Autograd.Tests;

/// <summary><see cref="Module.Save"/> and <see cref="Module.Load"/>: the safetensors layout, round trips, and every refusal.</summary>
public sealed class SafetensorsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("autograd-safetensors-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Sequential Model(int seed) =>
        new(new Linear(2, 3, new Random(seed)), new ReLU(), new Linear(3, 2, new Random(seed + 1)), new Softmax());

    [Fact]
    public void Save_writes_pytorch_names_and_layouts()
    {
        var model = Model(1);
        var first = (Linear)model[0];
        first.Weight.SetFrom([1, 2, 3, 4, 5, 6]);
        first.Bias.SetFrom([7, 8, 9]);
        string path = Path.Combine(folder, "model.safetensors");

        model.Save(path);

        var bytes = File.ReadAllBytes(path);
        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        Assert.Equal(0, (8 + headerLength) % 8);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)headerLength).TrimEnd(' ');
        using var json = JsonDocument.Parse(header);
        var keys = json.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["__metadata__", "0.weight", "0.bias", "2.weight", "2.bias"], keys);
        Assert.Equal("""{"dtype":"F64","shape":[3,2],"data_offsets":[0,48]}""", json.RootElement.GetProperty("0.weight").GetRawText());
        Assert.Equal("""{"dtype":"F64","shape":[3],"data_offsets":[48,72]}""", json.RootElement.GetProperty("0.bias").GetRawText());
        Assert.Equal("""{"dtype":"F64","shape":[2,3],"data_offsets":[72,120]}""", json.RootElement.GetProperty("2.weight").GetRawText());
        Assert.Equal("pt", json.RootElement.GetProperty("__metadata__").GetProperty("format").GetString());
        Assert.Equal(8 + headerLength + 136, bytes.Length);

        // Our weight is in×out, [1, 2, 3; 4, 5, 6]; PyTorch's is out×in, [1, 4; 2, 5; 3, 6], row after row.
        int start = (int)(8 + headerLength);
        double[] saved = Enumerable.Range(0, 9).Select(i => BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(start + (8 * i)))).ToArray();
        Assert.Equal([1, 4, 2, 5, 3, 6, 7, 8, 9], saved);
    }

    [Fact]
    public void Load_after_save_gives_identical_outputs()
    {
        var model = Model(1);
        var other = Model(2);
        var x = Tensor.Randn(5, 2, new Random(3));
        string path = Path.Combine(folder, "sub", "model.safetensors");
        Assert.NotEqual(model.Forward(x).Data, other.Forward(x).Data);

        model.Save(path);
        other.Load(path);

        Assert.Equal(model.Forward(x).Data, other.Forward(x).Data);
        Assert.Equal(model.Parameters().SelectMany(p => p.Data), other.Parameters().SelectMany(p => p.Data));
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "missing file", "does not exist" },
        { "short file", "truncated: it has 5 bytes" },
        { "negative header length", "absurd" },
        { "header longer than the file", "only" },
        { "truncated data", "the file is truncated" },
        { "malformed JSON", "not valid JSON" },
        { "header not UTF-8", "not valid UTF-8" },
        { "header not an object", "not an object of tensors" },
        { "missing key", "the file has no 2.bias" },
        { "extra key", "the file has 4.weight, which this model does not have" },
        { "wrong dtype", "2.bias is stored as F32" },
        { "wrong shape", "0.weight has shape [2, 3] in the file, but the model's is [3, 2]" },
        { "offsets that do not fit the shape", "cover" },
        { "trailing bytes", "after the last tensor's data" },
        { "other architecture", "the file has no" },
        { "shape past 64 bits", "0.weight has shape [9223372036854775807, 3] of F64, which takes more bytes than a file can hold" },
        { "file longer than an array", "the file has 2,147,483,592 bytes; Save and Load handle files of at most 2,147,483,591 bytes" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Load_refuses_a_bad_file_by_name_and_leaves_the_model_unchanged(string problem, string message)
    {
        var source = Model(1);
        string path = Path.Combine(folder, "bad.safetensors");
        source.Save(path);
        var good = File.ReadAllBytes(path);
        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(good);
        string header = Encoding.UTF8.GetString(good, 8, (int)headerLength);
        var data = good[(int)(8 + headerLength)..];

        var target = Model(5);
        var before = target.Parameters().Select(p => (double[])p.Data.Clone()).ToList();
        switch (problem)
        {
            case "missing file":
                path = Path.Combine(folder, "none.safetensors");
                break;
            case "short file":
                File.WriteAllBytes(path, good[..5]);
                break;
            case "negative header length":
                File.WriteAllBytes(path, [.. BitConverter.GetBytes(-8L), .. good[8..]]);
                break;
            case "header longer than the file":
                File.WriteAllBytes(path, [.. BitConverter.GetBytes(good.Length + 1L), .. good[8..]]);
                break;
            case "truncated data":
                File.WriteAllBytes(path, good[..^8]);
                break;
            case "malformed JSON":
                Write(path, header.Replace("}}", "}", StringComparison.Ordinal), data);
                break;
            case "header not UTF-8":
                var bad = (byte[])good.Clone();
                bad[10] = 0xFF;
                File.WriteAllBytes(path, bad);
                break;
            case "header not an object":
                Write(path, "[1, 2]", []);
                break;
            case "missing key":
                Write(path, header.Replace(""","2.bias":{"dtype":"F64","shape":[2],"data_offsets":[120,136]}""", "", StringComparison.Ordinal), data[..^16]);
                break;
            case "extra key":
                Write(path, header.Replace("}}", """},"4.weight":{"dtype":"F64","shape":[1],"data_offsets":[136,144]}}""", StringComparison.Ordinal), [.. data, .. new byte[8]]);
                break;
            case "wrong dtype":
                Write(path, header.Replace("""{"dtype":"F64","shape":[2],"data_offsets":[120,136]}""", """{"dtype":"F32","shape":[4],"data_offsets":[120,136]}""", StringComparison.Ordinal), data);
                break;
            case "wrong shape":
                Write(path, header.Replace("""[3,2],"data_offsets":[0,48]""", """[2,3],"data_offsets":[0,48]""", StringComparison.Ordinal), data);
                break;
            case "offsets that do not fit the shape":
                Write(path, header.Replace("""[3,2],"data_offsets":[0,48]""", """[3,3],"data_offsets":[0,48]""", StringComparison.Ordinal), data);
                break;
            case "trailing bytes":
                Write(path, header, [.. data, 0, 0]);
                break;
            case "other architecture":
                new Sequential(new Linear(2, 3), new Tanh(), new ReLU(), new Linear(3, 2)).Save(path);
                break;
            case "shape past 64 bits":
                Write(path, header.Replace("""[3,2],"data_offsets":[0,48]""", """[9223372036854775807,3],"data_offsets":[0,48]""", StringComparison.Ordinal), data);
                break;
            case "file longer than an array":
                // A sparse file: its length is refused before anything is read, so its 2 GB are never written.
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
                {
                    stream.SetLength(Array.MaxLength + 1L);
                }

                break;
        }

        Exception error = problem == "missing file"
            ? Assert.Throws<FileNotFoundException>(() => target.Load(path))
            : Assert.Throws<InvalidDataException>(() => target.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(message, error.Message);
        Assert.Equal(before, target.Parameters().Select(p => p.Data));
    }

    [Fact]
    public void Save_refuses_a_model_too_large_for_one_file_before_writing_anything()
    {
        // 270 entries of the same million numbers (8 MB each) would make a 2.16 GB file: past what one array holds.
        var model = new Repeated(Tensor.Zeros(1000, 1000), 270);
        string path = Path.Combine(folder, "large.safetensors");
        long before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<InvalidOperationException>(() => model.Save(path));

        // 2,160,000,000 bytes of numbers, and the header and its length before them.
        Assert.Matches(
            @"^Save: the model's 270,000,000 numbers take 2,160,0\d\d,\d\d\d bytes as a safetensors file of float64; " +
            @"Save and Load handle files of at most 2,147,483,591 bytes\.$",
            error.Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void The_header_may_hold_the_tensors_in_any_order_and_unpadded()
    {
        var source = Model(1);
        string path = Path.Combine(folder, "reordered.safetensors");
        source.Save(path);
        var good = File.ReadAllBytes(path);
        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(good);
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(good, 8, (int)headerLength));
        var reordered = "{" + string.Join(",", json.RootElement.EnumerateObject().Reverse().Select(p => $"\"{p.Name}\":{p.Value.GetRawText()}")) + "}";
        Write(path, reordered, good[(int)(8 + headerLength)..]);
        var target = Model(5);

        target.Load(path);

        Assert.Equal(source.Parameters().SelectMany(p => p.Data), target.Parameters().SelectMany(p => p.Data));
    }

    [Fact]
    public void Pytorch_loads_our_files_and_we_load_its_files()
    {
        // load_state_dict(strict=True) checks every name and shape.
        const string Script = ReadSafetensors + """
            def write(state, path):
                header, data = {}, b''
                for k, t in state.items():
                    raw = bytes(t.contiguous().view(torch.uint8).flatten().tolist())
                    header[k] = {'dtype': 'F64', 'shape': list(t.shape), 'data_offsets': [len(data), len(data) + len(raw)]}
                    data += raw
                h = json.dumps(header).encode(); open(path, 'wb').write(struct.pack('<Q', len(h)) + h + data)
            net = lambda: torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU(), torch.nn.Linear(3, 2), torch.nn.Softmax(dim=1)).double()
            x = torch.tensor([[2.0, 3.0], [-1.0, 0.5]], dtype=torch.float64)
            ours = net(); ours.load_state_dict(read(sys.argv[1]), strict=True)
            torch.manual_seed(5); theirs = net(); write(theirs.state_dict(), sys.argv[2])
            with torch.no_grad(): print(json.dumps({'ours': ours(x).flatten().tolist(), 'theirs': theirs(x).flatten().tolist()}))
            """;
        RequireTorch();
        var model = Model(1);
        string ours = Path.Combine(folder, "ours.safetensors");
        string theirs = Path.Combine(folder, "theirs.safetensors");
        string script = Path.Combine(folder, "check.py");
        model.Save(ours);
        File.WriteAllText(script, Script);

        var (exit, output, error) = Run(Python, $"\"{script}\" \"{ours}\" \"{theirs}\"");
        Assert.True(exit == 0, $"PyTorch failed ({exit}): {error}");
        using var result = JsonDocument.Parse(output);
        var x = new Tensor(2, 2, requiresGrad: false);
        x.SetFrom([2, 3, -1, 0.5]);
        var torchOurs = result.RootElement.GetProperty("ours").EnumerateArray().Select(v => v.GetDouble());
        var torchTheirs = result.RootElement.GetProperty("theirs").EnumerateArray().Select(v => v.GetDouble());

        Assert.All(model.Forward(x).Data.Zip(torchOurs), p => Assert.Equal(p.Second, p.First, 1e-12));
        model.Load(theirs);
        Assert.All(model.Forward(x).Data.Zip(torchTheirs), p => Assert.Equal(p.Second, p.First, 1e-12));
    }

    [Fact]
    public void A_module_of_one_s_own_saves_and_loads_under_pytorch_s_names_and_pytorch_loads_it()
    {
        var model = new Sequential(new NNTests.Block(new Random(1)), new Linear(3, 2, new Random(2)));
        var other = new Sequential(new NNTests.Block(new Random(3)), new Linear(3, 2, new Random(4)));
        var x = new Tensor(2, 2, requiresGrad: false);
        x.SetFrom([2, 3, -1, 0.5]);
        string path = Path.Combine(folder, "block.safetensors");

        model.Save(path);
        other.Load(path);

        Assert.Equal(model.Forward(x).Data, other.Forward(x).Data);
        var bytes = File.ReadAllBytes(path);
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, (int)BinaryPrimitives.ReadInt64LittleEndian(bytes)));
        Assert.Equal(
            ["__metadata__", "0.scale", "0.hidden.weight", "0.hidden.bias", "1.weight", "1.bias"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("[1,3]", json.RootElement.GetProperty("0.scale").GetProperty("shape").GetRawText());
        Assert.Equal("[3,2]", json.RootElement.GetProperty("0.hidden.weight").GetProperty("shape").GetRawText());

        // The same module written in PyTorch: a parameter self.scale and a child self.hidden.
        const string Script = ReadSafetensors + """
            class Block(torch.nn.Module):
                def __init__(self):
                    super().__init__()
                    self.scale = torch.nn.Parameter(torch.zeros(1, 3, dtype=torch.float64))
                    self.hidden = torch.nn.Linear(2, 3).double()
                def forward(self, x):
                    return torch.tanh(self.hidden(x)) * self.scale
            net = torch.nn.Sequential(Block(), torch.nn.Linear(3, 2).double())
            net.load_state_dict(read(sys.argv[1]), strict=True)
            x = torch.tensor([[2.0, 3.0], [-1.0, 0.5]], dtype=torch.float64)
            with torch.no_grad(): print(json.dumps(net(x).flatten().tolist()))
            """;
        RequireTorch();
        string script = Path.Combine(folder, "block.py");
        File.WriteAllText(script, Script);

        var (exit, output, error) = Run(Python, $"\"{script}\" \"{path}\"");

        Assert.True(exit == 0, $"PyTorch failed ({exit}): {error}");
        using var result = JsonDocument.Parse(output);
        Assert.All(model.Forward(x).Data.Zip(result.RootElement.EnumerateArray().Select(v => v.GetDouble())), p => Assert.Equal(p.Second, p.First, 1e-12));
    }

    [Fact]
    public void Save_and_load_refuse_two_parameters_of_the_same_name()
    {
        var model = new Twice();
        string path = Path.Combine(folder, "twice.safetensors");
        string valid = Path.Combine(folder, "valid.safetensors");
        new Linear(1, 1).Save(valid);

        var save = Assert.Throws<InvalidOperationException>(() => model.Save(path));
        var load = Assert.Throws<InvalidOperationException>(() => model.Load(valid));

        Assert.Equal("Save: 2 parameters of Twice are named w; each name must be used once in a file.", save.Message);
        Assert.Equal("Load: 2 parameters of Twice are named w; each name must be used once in a file.", load.Message);
        Assert.False(File.Exists(path));
    }

    /// <summary>
    /// Debian's python3-torch (1.13) predates the safetensors package, so the scripts read the format themselves, in
    /// a few lines.
    /// </summary>
    private const string ReadSafetensors = """
        import json, struct, sys, torch
        def read(path):
            b = open(path, 'rb').read(); n = struct.unpack('<Q', b[:8])[0]; header = json.loads(b[8:8 + n]); data = b[8 + n:]
            return {k: torch.frombuffer(bytearray(data[v['data_offsets'][0]:v['data_offsets'][1]]), dtype=torch.float64).reshape(v['shape'])
                    for k, v in header.items() if k != '__metadata__' and v['dtype'] == 'F64'}

        """;

    private const string Python = "/usr/bin/python3";

    private static void RequireTorch()
    {
        if (!File.Exists(Python) || Run(Python, "-c \"import torch\"").Exit != 0)
        {
            if (Environment.GetEnvironmentVariable("AUTOGRAD_REQUIRE_TORCH") == "1")
            {
                Assert.Fail($"PyTorch is not importable from {Python} (install Debian's python3-torch).");
            }

            Assert.Skip($"PyTorch is not importable from {Python} (install Debian's python3-torch).");
        }
    }

    private static (int Exit, string Output, string Error) Run(string program, string arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, output, "timed out");
        }

        return (process.ExitCode, output, error.Result);
    }

    private static void Write(string path, string header, byte[] data)
    {
        var headerBytes = Encoding.UTF8.GetBytes(header);
        File.WriteAllBytes(path, [.. BitConverter.GetBytes((long)headerBytes.Length), .. headerBytes, .. data]);
    }

    private sealed class Twice : Module
    {
        public override Tensor Forward(Tensor input) => input;

        protected override IEnumerable<(string Name, Tensor Parameter)> OwnParameters() => [("w", Tensor.Ones(1, 1)), ("w", Tensor.Ones(1, 1))];
    }

    /// <summary>A module whose parameters are one tensor listed many times: a large state dict that costs little memory.</summary>
    private sealed class Repeated(Tensor parameter, int count) : Module
    {
        public override Tensor Forward(Tensor input) => input;

        protected override IEnumerable<(string Name, Tensor Parameter)> OwnParameters() =>
            Enumerable.Range(0, count).Select(i => ($"p{i}", parameter));
    }
}
