export function PatrolRoute() {
  return <section className="page" />;
}
