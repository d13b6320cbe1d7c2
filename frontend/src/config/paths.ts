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
  jointCases: '/joint-cases',
  /** The form that opens a joint case, with the cases it starts from. */
  newJointCase: (caseIds: string[] = []) => `/joint-cases/new${caseIds.length ? `?cases=${caseIds.map(encodeURIComponent).join(',')}` : ''}`,
  jointCase: (id: string) => `/joint-cases/${encodeURIComponent(id)}`,
  agencyTasks: '/tasks',
  meetings: '/meetings',
  meeting: (id: string) => `/meetings/${encodeURIComponent(id)}`,
  instructions: '/instructions',
  evaluations: '/evaluations',
  /** The sender's receipt view of one instruction. */
  instruction: (id: string) => `/instructions/${encodeURIComponent(id)}`,
} as const;
