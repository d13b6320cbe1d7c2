/** Every route path in one place, so links and redirects never drift apart. */
export const paths = {
  login: '/login',
  home: '/',
  map: '/map',
  patrol: '/patrol',
  myWork: '/my-work',
  case: (id: string) => `/cases/${encodeURIComponent(id)}`,
  casePattern: '/cases/:id',
  admin: '/admin',
} as const;
