using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Application.Operations;

public static class OperationsRegistration
{
    /// <summary>Joint operations: participants, targets, tasks, results board, timeline.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services) => services.AddScoped<OperationService>();
}
