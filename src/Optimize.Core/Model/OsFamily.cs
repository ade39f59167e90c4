namespace Optimize.Model;

/// <summary>
/// The operating system whose retail meters price a resource. Windows meters include the Windows license; Linux
/// meters are the base compute rate (also what a Windows VM with Azure Hybrid Benefit pays).
/// </summary>
public enum OsFamily
{
    /// <summary>Linux meters (the base compute rate). The default when the inventory says nothing.</summary>
    Linux = 0,

    /// <summary>Windows meters (compute plus the Windows license).</summary>
    Windows = 1,
}
