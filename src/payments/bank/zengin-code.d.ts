// The zengin-code package (bank and branch codes of Japan, its data shipped inside the package) has no
// types of its own: what this code reads of it.
declare module 'zengin-code' {
  interface ZenginBranch {
    code: string;
    name: string;
    kana: string;
  }
  interface ZenginBank {
    code: string;
    name: string;
    kana: string;
    branches: Record<string, ZenginBranch>;
  }
  const banks: Record<string, ZenginBank>;
  export default banks;
}
