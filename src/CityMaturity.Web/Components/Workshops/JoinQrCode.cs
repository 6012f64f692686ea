using QRCoder;

namespace CityMaturity.Web.Components.Workshops;

/// <summary>The join address as a QR code, a PNG data URI (the CSP allows data: images; no script, no external service).</summary>
public static class JoinQrCode
{
    public static string DataUri(string joinAddress)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(joinAddress, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(8);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
