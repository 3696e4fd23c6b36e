/** A table's column heads, one <th scope="col"> each; those named in `left` are left-aligned (text columns). */
export function HeadCells({ heads, left = [] }: { heads: readonly string[]; left?: readonly string[] }) {
  return (
    <>
      {heads.map((h) => (
        <th key={h} scope="col" className={left.includes(h) ? 'left' : undefined}>
          {h}
        </th>
      ))}
    </>
  );
}
