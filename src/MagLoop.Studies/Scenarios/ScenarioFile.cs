using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace MagLoop.Studies.Scenarios;

/// <summary>
/// Reads the text of a scenario file, refusing what a scenario cannot be before any of it is parsed: a folder, a
/// device, a named pipe or a socket (also behind a symbolic link), a file larger than <see cref="MaxBytes"/>, and
/// bytes that are not UTF-8. Each refusal is a <see cref="ScenarioException"/> naming the file.
/// </summary>
public static class ScenarioFile
{
    /// <summary>
    /// Largest scenario file read, in bytes: 16 MiB. The largest files MagLoop is timed on (docs/scenarios.md, "Large
    /// files") are a 10,000-feed file of 0.9 MB and a 20,000-site chain of 2.6 MB, so the limit leaves six times that
    /// room while bounding the memory a mistaken path (a disk image, a log) can take.
    /// </summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>The file's text, decoded as strict UTF-8 (a leading byte-order mark is dropped).</summary>
    public static string ReadText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path)) throw Refuse(path, "is a folder, not a scenario file; give the path of a .yaml file");
        if (!File.Exists(path)) throw Refuse(path, "file not found");
        if (FileKind(path) is { } kind)
        {
            var target = SafeLinkTarget(path);
            throw Refuse(path, target is null
                ? $"is not a regular file ({kind}); give the path of a .yaml file"
                : $"links to '{target}', which is not a regular file ({kind}); give the path of a .yaml file");
        }

        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.CanSeek && stream.Length > MaxBytes) throw TooLarge(path, stream.Length);
            bytes = ReadAtMost(stream, MaxBytes + 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Refuse(path, $"cannot read file: {e.Message}");
        }

        // A file that grows while it is read, or reports no length, is held to the limit all the same.
        if (bytes.Length > MaxBytes) throw TooLarge(path, null);
        return Decode(bytes, path);
    }

    /// <summary>Decodes strict UTF-8; the first invalid byte is a located error (line, column, byte offset).</summary>
    internal static string Decode(ReadOnlySpan<byte> bytes, string file)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            throw Refuse(file, "is UTF-16 encoded; save it as UTF-8");
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return Encoding.UTF8.GetString(bytes);

        // Only a file with a bad byte pays for this walk, which finds where it sits.
        int line = 1, column = 1, offset = 0;
        while (Rune.DecodeFromUtf8(bytes[offset..], out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            offset += consumed;
            if (rune.Value == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        var at = string.Create(CultureInfo.InvariantCulture, $"0x{bytes[offset]:X2} at byte {offset:N0}");
        throw new ScenarioException(file, line, column, "", $"invalid UTF-8 ({at}); save the file as UTF-8");
    }

    private static byte[] ReadAtMost(Stream stream, int limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - buffer.Length))) > 0)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }

    private static ScenarioException TooLarge(string path, long? length) =>
        Refuse(path, (length is { } n ? string.Create(CultureInfo.InvariantCulture, $"is {n:N0} bytes, ") : "is ")
            + string.Create(CultureInfo.InvariantCulture, $"larger than the {MaxBytes:N0} bytes (16 MiB) a scenario file may hold"));

    private static ScenarioException Refuse(string path, string problem) => new(path, 0, 0, "", problem);

    private static string? SafeLinkTarget(string path)
    {
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// What the path is (links followed) when it is not a regular file, else null. Linux only (statx): the BCL does
    /// not tell a named pipe, whose opening blocks until a writer comes, or a device from a file; elsewhere the size
    /// limit on reading still bounds what a device can feed in.
    /// </summary>
    private static string? FileKind(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        int result;
        Native.StatxBuffer status;
        try
        {
            result = Native.Statx(Native.AtFdCwd, path, 0, Native.StatxType, out status);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }

        if (result != 0) return null; // let opening the file report why it cannot be read
        return (status.Mode & 0xF000) switch
        {
            0x8000 => null,
            0x1000 => "a named pipe",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => "not a file",
        };
    }

    private static class Native
    {
        public const int AtFdCwd = -100;
        public const uint StatxType = 0x1;

        // struct statx (linux/stat.h) has the same layout on every architecture: stx_mode is a u16 at byte 28.
        [StructLayout(LayoutKind.Explicit, Size = 256)]
        public struct StatxBuffer
        {
            [FieldOffset(28)] public ushort Mode;
        }

        [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, out StatxBuffer buffer);
    }
}
