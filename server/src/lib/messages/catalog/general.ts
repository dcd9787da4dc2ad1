import type { Locale } from '@app/shared';

/** Messages of requests in general, uploads and accounts, and the words of one field (error details). */
export const generalMessages = {
  // requests in general
  'request.invalid': { 'zh-CN': '填写的内容有误，请检查标出的项', en: 'Invalid {where}' },
  'request.operatorKey': {
    'zh-CN': '字段名不能以 $ 开头，也不能包含点号',
    en: 'Field names may not start with $ or contain dots',
  },
  'request.noInput': { 'zh-CN': '此接口不接受这些参数', en: 'This endpoint takes no {where}' },
  'request.notJson': { 'zh-CN': '请求内容不是有效的 JSON', en: 'Request body is not valid JSON' },
  'request.encoding': { 'zh-CN': '不支持的请求编码', en: 'Unsupported body encoding' },
  'request.alreadyExists': { 'zh-CN': '已经存在', en: 'Already exists' },
  'request.malformedValue': { 'zh-CN': '编号或取值的格式有误', en: 'Malformed identifier or value' },
  'request.malformedPath': { 'zh-CN': '网址编码有误', en: 'Malformed percent-encoding in the path' },
  'request.malformed': { 'zh-CN': '请求格式有误', en: 'Malformed request' },
  'request.tooLarge': { 'zh-CN': '提交的内容过大', en: 'Request body too large' },
  'request.tooMany': { 'zh-CN': '操作太频繁，请稍后再试', en: 'Too many requests, try again later' },
  'request.tooManyEvents': { 'zh-CN': '操作太频繁，请慢一点', en: 'Too many events; slow down' },
  'request.internal': { 'zh-CN': '服务器出了点问题，请稍后再试', en: 'Something went wrong on our side' },
  'request.noRoute': { 'zh-CN': '没有这个接口：{method} {path}', en: 'No route for {method} {path}' },
  'request.notFound': { 'zh-CN': '{thing}不存在', en: '{thing} not found' },
  // uploads
  'upload.tooLarge': { 'zh-CN': '文件不能超过 {mb} MB', en: 'The file is larger than {mb} MB' },
  'upload.refused': { 'zh-CN': '上传被拒绝（{reason}）', en: 'Upload refused: {reason}' },
  'upload.malformed': { 'zh-CN': '上传的格式有误', en: 'Malformed upload' },
  'upload.attachFile': { 'zh-CN': '请选择一个文件', en: 'Attach a file' },
  'upload.fileType': {
    'zh-CN': '只接受 JPEG、PNG、WebP 图片和 PDF 文件',
    en: 'Only JPEG, PNG, WebP images and PDF files are accepted',
  },
  // accounts
  'auth.signInFirst': { 'zh-CN': '请先登录', en: 'Sign in first' },
  'auth.notAllowed': { 'zh-CN': '无权进行此操作', en: 'Not allowed' },
  'auth.roleMayNot': { 'zh-CN': '您的账号类型不能进行此操作', en: 'Your role may not do this' },
  'auth.loginRefused': { 'zh-CN': '邮箱或密码错误', en: 'Email or password is wrong' },
  'auth.emailTaken': { 'zh-CN': '该邮箱已注册', en: 'An account with this email already exists' },
  'auth.currentPasswordWrong': { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  'auth.csrf': {
    'zh-CN': '页面已过期，请刷新后重试',
    en: 'Missing or wrong CSRF token: fetch one from GET /api/auth/csrf',
  },
  'auth.resetLinkInvalid': {
    'zh-CN': '重置链接无效、已使用或已过期，请重新申请',
    en: 'This reset link is invalid, used or expired; ask for a new one',
  },
  'staff.noSuchBase': { 'zh-CN': '没有这个基地', en: 'No such base' },
  // the words of one field (error details)
  'field.required': { 'zh-CN': '必填', en: 'required' },
  'field.alreadyRegistered': { 'zh-CN': '已被注册', en: 'already registered' },
  'field.alreadyTaken': { 'zh-CN': '已被占用', en: 'already taken' },
  'field.wrongPassword': { 'zh-CN': '密码不正确', en: 'wrong password' },
  'field.operatorKey': { 'zh-CN': '不允许的字段名', en: 'operator or dotted key not allowed' },
  'field.noInput': { 'zh-CN': '此处不接受参数', en: 'no {where} expected' },
  'field.noSuchBase': { 'zh-CN': '没有这个基地', en: 'no such base' },
  'field.notThisConversation': { 'zh-CN': '不是此会话中的消息', en: 'not a message of this conversation' },
  'field.typeNotForRole': { 'zh-CN': '不适用于此账号类型', en: 'not allowed for a {role} account' },
  'field.unsupportedFileType': { 'zh-CN': '不支持的文件类型', en: 'unsupported file type' },
} as const satisfies Record<string, Record<Locale, string>>;
