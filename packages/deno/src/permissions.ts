// The permission flags a child `deno run` needs to do what its parent may do. Deno does not say
// which paths or hosts a scoped grant covers, so only whole grants are passed on; a task that
// needs a scoped one gets Deno's own error naming the flag.
const names = ["read", "write", "net", "env", "run", "ffi", "sys", "import"] as const;

export function permissionFlags(): string[] {
  const granted = names.filter((name) => {
    try {
      return Deno.permissions.querySync({ name } as Deno.PermissionDescriptor).state === "granted";
    } catch {
      return false; // a name this Deno does not know
    }
  });
  if (granted.length === names.length) return ["--allow-all"];
  return granted.map((name) => `--allow-${name}`);
}
