/** Conversations and notifications. */
export default {
  messaging: {
    threadTitle: '对话',
    threadLabel: '消息记录',
    none: '还没有对话',
    noneHint: '匹配被接受后，双方就可以在这里沟通。',
    untitled: '对话',
    noMessagesYet: '还没有消息',
    unreadSuffix: ' 条未读',
    online: '在线',
    kinds: {
      match: '匹配',
      base: '孵化基地',
      direct: '机构之间',
    },
    backToList: '返回消息列表',
    toMatch: '查看匹配',
    loadOlder: '查看更早的消息',
    startHint: '打个招呼，开始沟通吧。',
    write: '输入消息',
    placeholder: '输入消息，回车发送',
    send: '发送',
    sending: '发送中',
    sent: '已发送',
    read: '已读',
    failed: '发送失败',
    retry: '重新发送',
    typing: '对方正在输入…',
    reconnecting: '连接已断开，正在重新连接。期间的消息不会丢失。',
  },
  notifications: {
    bellUnread: '通知，{count} 条未读',
    unread: '未读',
    none: '暂无通知',
    noneHint: '有人向您发起对接、接受对接或发来消息时，会在这里提醒您。',
    markAllRead: '全部标为已读',
    // A match notification that names its listings (data: listingTitle, otherListingTitle, counterpart).
    named: {
      match: {
        proposed: '{counterpart} 就您的“{listingTitle}”发起了匹配提议',
        accepted: '{counterpart} 接受了您对“{otherListingTitle}”的匹配提议',
        overdue: '“{listingTitle}”与“{otherListingTitle}”的匹配提议已超过答复期限，请尽快处理',
        evidenceAttached: '{counterpart} 为“{listingTitle}”的匹配上传了新的证明材料',
      },
    },
    // By notification type: `match.proposed` is types.match.proposed.
    types: {
      match: {
        proposed: '有人向您发起了对接',
        accepted: '您的对接已被接受',
        overdue: '有对接已超过答复期限',
        evidenceAttached: '对方为对接上传了新的证明材料',
        reminded: '基地提醒：有一个对接提议等待您答复',
      },
      application: { reviewRequested: '您被邀请参加入驻集体评审，请评分', decided: '您的入驻申请有了结果' },
      residency: { ended: '贵机构在基地的孵化已结束' },
      message: { offline: '{senderName} 给您发来了新消息' },
      savedSearch: { matched: '有新发布符合您保存的搜索“{savedSearchName}”' },
      event: {
        promoted: '您已从候补转为正式报名：{eventTitle}',
        cancelled: '您报名的活动已取消：{eventTitle}',
      },
    },
  },
};
