using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Application.Bulletins;

public static class BulletinsRegistration
{
    /// <summary>Bulletins: publication, translations, acknowledgements.</summary>
    public static IServiceCollection AddBulletins(this IServiceCollection services) => services.AddScoped<BulletinService>();
}
