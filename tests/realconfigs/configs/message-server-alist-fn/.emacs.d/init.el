;;; init.el --- gnus with several smtp servers  -*- lexical-binding: t; -*-

(setq user-full-name "Zhang Wei"
      user-mail-address "zhangwei@qq.example.com")

(require 'message)
(setq message-send-mail-function 'message-smtpmail-send-it)

(defun my/message-server-alist-function ()
  "Pick the smtp server from the From header and ~/.authinfo."
  (let* ((from (cadr (mail-extract-address-components
                      (save-restriction
                        (widen)
                        (message-narrow-to-headers-or-head)
                        (message-fetch-field "From")))))
         (auth (auth-source-search :user from :protocol "smtp" :require '(:host))))
    (when auth
      (let* ((entry (car auth))
             (host (plist-get entry :host))
             (port (plist-get entry :port)))
        (format "smtp %s %s %s" host (or port "465") from)))))

(setq message-server-alist '((my/message-server-alist-function)))

;; replies set X-Message-SMTP-Method themselves
(setq gnus-posting-styles
      `((".*"
         (address ,(format "%s <%s>" user-full-name user-mail-address))
         ("X-Message-SMTP-Method" ,(concat "smtp smtp.qq.example.com 465 " user-mail-address)))
        ("gmail"
         (address "zhang.wei@gmail.example")
         ("X-Message-SMTP-Method" "smtp smtp.gmail.com 587 zhang.wei@gmail.example"))))

(setq gnus-default-charset 'gbk)
(setq gnus-group-name-charset-group-alist '((".*" . gbk)))

(with-eval-after-load 'smtpmail
  (setq smtpmail-stream-type 'ssl
        smtpmail-smtp-service 465))

(require 'smtpmail)
