;;; init.el -*- lexical-binding: t -*-

(setq user-full-name "Hiroshi Tanaka")
(setq mu4e-mu-binary (executable-find "mu"))

(autoload 'mu4e "mu4e" "Start mu4e" t)
(global-set-key (kbd "C-c m") #'mu4e)

(with-eval-after-load 'mu4e
  (setq mu4e-maildir-shortcuts
        '((:maildir "/inbox" :key ?i)
          (:maildir "/sent" :key ?s)))
  (add-to-list 'mu4e-bookmarks
               '(:name "Today" :query "date:today..now AND NOT flag:trashed" :key ?t))
  (add-to-list 'mu4e-view-actions '("xwidget" . mu4e-action-view-with-xwidget) t)
  (setq mu4e-sent-folder "/sent"
        mu4e-drafts-folder "/drafts"))

(setq user-mail-address "hiroshi@tanaka.jp")

(with-eval-after-load 'smtpmail
  (setq smtpmail-smtp-server "smtp.tanaka.jp"
        smtpmail-smtp-service 587))

(setq send-mail-function 'smtpmail-send-it
      mail-user-agent 'mu4e-user-agent)

(eval-after-load "message"
  '(progn
     (setq message-send-mail-function 'smtpmail-send-it)
     (add-hook 'message-mode-hook 'turn-on-flyspell)))
