;;; init-mail.el --- mail  -*- lexical-binding: t -*-

(setq user-mail-address "wei@zhang.cn")

(setq send-mail-function #'smtpmail-send-it
      message-send-mail-function #'smtpmail-send-it
      smtpmail-smtp-server "smtp.exmail.qq.com"
      smtpmail-smtp-service 465
      smtpmail-stream-type 'ssl)

(with-eval-after-load 'message
  (setq message-signature "Wei"))

(provide 'init-mail)
;;; init-mail.el ends here
