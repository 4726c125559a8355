import type Docker from 'dockerode';

/** Whether the engine has `name` (a 404 from inspect: it has not; any other failure is thrown). */
export async function imagePresent(docker: Docker, name: string): Promise<boolean> {
  try {
    await docker.getImage(name).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw error;
  }
}
