using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Cordon.Application.Secrets;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace Cordon.Server.Hosting;

/// <summary>
/// The keys that protect console cookies and form tokens, kept in <c>Cordon:DataProtection:KeysFolder</c> (default
/// <c>./data/data-protection-keys</c>) and encrypted at rest with AES-256-GCM under a key-encryption key:
/// <c>Cordon:DataProtection:KeyEncryptionKey</c> (base64, 32 bytes, from the environment or a secret store), else
/// <c>./data/data-protection.kek</c>, created readable by the node's user only. A copy of the keys folder alone
/// forges no cookie.
/// </summary>
public static class DataProtectionAtRest
{
    public static IServiceCollection AddDataProtectionAtRest(this IServiceCollection services, IConfiguration configuration)
    {
        var folder = configuration["Cordon:DataProtection:KeysFolder"] is { Length: > 0 } configured ? configured : "./data/data-protection-keys";
        var kek = new KeyEncryptionKey(SecretKey.Resolve(configuration, "Cordon:DataProtection:KeyEncryptionKey",
            "Cordon:DataProtection:KeyEncryptionKeyFile", "./data/data-protection.kek", exactBytes: 32));
        services.AddSingleton(kek);
        services.AddDataProtection().SetApplicationName("cordon").PersistKeysToFileSystem(new DirectoryInfo(folder));
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(_ =>
            new ConfigureOptions<KeyManagementOptions>(options => options.XmlEncryptor = new KeyEncryptor(kek)));
        return services;
    }

    public sealed record KeyEncryptionKey(byte[] Bytes);

    private sealed class KeyEncryptor(KeyEncryptionKey kek) : IXmlEncryptor
    {
        public EncryptedXmlInfo Encrypt(XElement plaintextElement)
        {
            var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
            var sealedKey = SealedBox.Seal(kek.Bytes, plain);
            CryptographicOperations.ZeroMemory(plain);
            return new EncryptedXmlInfo(new XElement("aesGcmEncryptedKey", new XAttribute("version", 1), Convert.ToBase64String(sealedKey)),
                typeof(KeyDecryptor));
        }
    }

    /// <summary>Made by the framework from the stored key's XML (it names this type), with the host's services.</summary>
    public sealed class KeyDecryptor(IServiceProvider services) : IXmlDecryptor
    {
        public XElement Decrypt(XElement encryptedElement)
        {
            var kek = services.GetRequiredService<KeyEncryptionKey>();
            var plain = SealedBox.Open(kek.Bytes, Convert.FromBase64String(encryptedElement.Value));
            return XElement.Parse(Encoding.UTF8.GetString(plain));
        }
    }
}
