using Azure.Data.Tables;

namespace Optimize.Journal.Tables.Entities;

/// <summary>Helpers over <see cref="TableEntity"/>.</summary>
internal static class EntityExtensions
{
    /// <summary>Removes null-valued properties (an absent property reads back as null) and returns the entity.</summary>
    public static TableEntity WithoutNulls(this TableEntity entity)
    {
        foreach (var name in entity.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            entity.Remove(name);
        }

        return entity;
    }
}
