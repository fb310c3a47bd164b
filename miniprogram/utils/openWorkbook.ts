/** Saves a workbook the server sent (base64) in the app's own folder and opens it, for the user to read or forward. */
export function openWorkbook(fileName: string, base64: string): Promise<void> {
  const filePath = `${wx.env.USER_DATA_PATH}/${fileName}`;
  return new Promise((resolve, reject) => {
    wx.getFileSystemManager().writeFile({
      filePath,
      data: base64,
      encoding: 'base64',
      success: () =>
        wx.openDocument({
          filePath,
          fileType: 'xlsx',
          showMenu: true,
          success: () => resolve(),
          fail: () => reject(new Error('openDocument')),
        }),
      fail: () => reject(new Error('writeFile')),
    });
  });
}
