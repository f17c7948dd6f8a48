;;; setup-mail.el --- mu4e with several accounts

(add-to-list 'load-path "/usr/local/share/emacs/site-lisp/mu4e")
(require 'mu4e)
(require 'smtpmail)

(setq mail-user-agent 'mu4e-user-agent
      mu4e-maildir "~/Maildir"
      mu4e-get-mail-command "mbsync -a"
      mu4e-update-interval 600
      mu4e-change-filenames-when-moving t
      mu4e-sent-messages-behavior 'sent
      message-kill-buffer-on-exit t)

;; Defaults: the personal account.
(setq user-mail-address "oskar@lindqvist.se"
      user-full-name "Oskar Lindqvist"
      mu4e-sent-folder "/personal/Sent"
      mu4e-drafts-folder "/personal/Drafts"
      mu4e-trash-folder "/personal/Trash"
      mu4e-refile-folder "/personal/Archive")

;; Sending goes through msmtp, which picks the account from the envelope.
(setq sendmail-program (locate-file "msmtp" exec-path)
      send-mail-function 'sendmail-send-it
      message-send-mail-function 'message-send-mail-with-sendmail
      message-sendmail-f-is-evil t
      message-sendmail-extra-arguments '("--read-envelope-from"))

(defvar my-mu4e-account-alist
  '(("personal"
     (mu4e-sent-folder "/personal/Sent")
     (mu4e-drafts-folder "/personal/Drafts")
     (mu4e-trash-folder "/personal/Trash")
     (user-mail-address "oskar@lindqvist.se")
     (user-full-name "Oskar Lindqvist"))
    ("work"
     (mu4e-sent-folder "/work/Sent Items")
     (mu4e-drafts-folder "/work/Drafts")
     (mu4e-trash-folder "/work/Deleted Items")
     (user-mail-address "oskar.lindqvist@nordvind.se")
     (user-full-name "Oskar Lindqvist"))))

(defun my-mu4e-set-account ()
  "Set the account for composing a message."
  (let* ((account
          (if mu4e-compose-parent-message
              (let ((maildir (mu4e-message-field mu4e-compose-parent-message :maildir)))
                (string-match "/\\(.*?\\)/" maildir)
                (match-string 1 maildir))
            (completing-read (format "Compose with account: (%s) "
                                     (mapconcat #'(lambda (var) (car var))
                                                my-mu4e-account-alist "/"))
                             (mapcar #'(lambda (var) (car var)) my-mu4e-account-alist)
                             nil t nil nil (caar my-mu4e-account-alist))))
         (account-vars (cdr (assoc account my-mu4e-account-alist))))
    (if account-vars
        (mapc #'(lambda (var) (set (car var) (cadr var))) account-vars)
      (error "No email account found"))))

(add-hook 'mu4e-compose-pre-hook 'my-mu4e-set-account)

;; mu4e < 1.4 wanted every address of mine here.
(setq mu4e-user-mail-address-list
      (mapcar (lambda (account) (cadr (assq 'user-mail-address account)))
              my-mu4e-account-alist))

(add-hook 'mu4e-view-mode-hook
          '(lambda () (setq-local truncate-lines nil)))

(setq mu4e-maildir-shortcuts
      '(("/personal/INBOX" . ?i)
        ("/work/INBOX" . ?w)
        ("/personal/Sent" . ?s)))

(provide 'setup-mail)
;;; setup-mail.el ends here
