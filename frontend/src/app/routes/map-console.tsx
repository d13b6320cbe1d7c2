export function MapConsoleRoute() {
  return <section className="page" />;
}
