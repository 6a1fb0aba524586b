using System.Text;
using SmsContacts.Web.Features.Import;

namespace SmsContacts.Tests.Features.Import;

public sealed class ImportEncodingsTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"encoding-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void ALetterCutByTheReadBuffer_IsStillUtf8()
    {
        // 'é' is two bytes; the first of them is the last byte of the first 1 MB read.
        var text = new string('a', (1 << 20) - 1) + "é" + new string('b', 10);
        File.WriteAllBytes(_path, new UTF8Encoding(false).GetBytes(text));

        Assert.Equal(ImportEncodings.Utf8, ImportDetection.Detect(_path, "US").Format.EncodingName);
    }

    [Fact]
    public void AWindows1252ByteFarIntoTheFile_MakesItWindows1252()
    {
        var bytes = Encoding.ASCII.GetBytes(new string('a', 3 << 20)).Concat(ImportEncodings.Get(ImportEncodings.Windows1252).GetBytes("Zoë\n")).ToArray();
        File.WriteAllBytes(_path, bytes);

        Assert.Equal(ImportEncodings.Windows1252, ImportDetection.Detect(_path, "US").Format.EncodingName);
    }

    [Theory]
    [InlineData(ImportEncodings.Utf16)]
    [InlineData(ImportEncodings.Utf16BigEndian)]
    public void Utf16WithoutAByteOrderMark_IsRecognisedByItsZeroBytes(string encoding)
    {
        File.WriteAllBytes(_path, ImportEncodings.Get(encoding).GetBytes("Phone,Name\n+12122000001,Ann\n"));

        Assert.Equal(encoding, ImportDetection.Detect(_path, "US").Format.EncodingName);
    }
}
